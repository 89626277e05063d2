import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The bundled framework that the diff tests copy. */
export const BUNDLED = path.resolve(import.meta.dirname, '..', 'practices');
export const LANGS = ['en', 'fr', 'ar'] as const;

/** What the second commit of the history changed, by practice id. */
export interface Edits {
  /** The practice whose statement got a sentence more (in every language). */
  readonly textEdited: string;
  /** The words added to its statement, per language. */
  readonly addedWords: Readonly<Record<string, string>>;
  /** The practice inserted first in its section. */
  readonly added: string;
  readonly addedSection: string;
  /** The practice moved to another section. */
  readonly moved: string;
  readonly movedFrom: string;
  readonly movedTo: string;
  /** The practice withdrawn (`status: withdrawn`). */
  readonly withdrawn: string;
  /** The practice whose first footnote got words more. */
  readonly footnoteEdited: string;
  /** The practice with a reflowed paragraph (no change). */
  readonly reflowed: string;
}

/** A git repository holding a copy of the bundled framework in `practices/`, with two commits. */
export interface DiffHistory {
  readonly root: string;
  readonly folder: string;
  readonly edits: Edits;
  remove(): void;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org', GIT_AUTHOR_DATE: '2026-03-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T10:00:00Z' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString('utf8');

const files = (folder: string, section: string) =>
  readdirSync(path.join(folder, section))
    .filter((f) => /^[a-z0-9-]+\.md$/.test(f) && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();

const draftFile = (folder: string, section: string, id: string, lang: string) => path.join(folder, section, lang === 'en' ? `${id}.md` : `${id}.${lang}.md`);

/** The body's lines and where the body starts (after the frontmatter). */
function split(text: string): { head: string; body: string } {
  const end = text.indexOf('\n---\n', 4);
  return { head: text.slice(0, end + 5), body: text.slice(end + 5) };
}

function edit(file: string, change: (body: string) => string): void {
  const { head, body } = split(readFileSync(file, 'utf8'));
  const next = change(body);
  if (next === body) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(file, head + next);
}

/**
 * Copies the bundled framework into a new git repository, commits it, then makes the edits the
 * issue lists (one practice's text, a practice inserted first in a section, one moved to another
 * section, one withdrawn, a footnote changed, a paragraph reflowed) in every language, and commits
 * them. Practices are chosen from what the framework holds, so the test follows its content.
 */
export function makeHistory(): DiffHistory {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gctf-diff-'));
  const folder = path.join(root, 'practices');
  cpSync(BUNDLED, folder, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'Malta draft');

  const sections = ['prevention', 'detection', 'intervention', 'response'];
  const used = new Set<string>();
  const pick = (section: string, test: (id: string) => boolean = () => true) => {
    const id = files(folder, section).find((candidate) => !used.has(candidate) && test(candidate));
    if (!id) throw new Error(`no practice to pick in ${section}`);
    used.add(id);
    return id;
  };
  const hasFootnote = (section: string) => (id: string) => LANGS.every((lang) => /^\[\^[^\]]+\]: /m.test(readFileSync(draftFile(folder, section, id, lang), 'utf8')));
  const hasLongParagraph = (section: string) => (id: string) =>
    LANGS.every((lang) => split(readFileSync(draftFile(folder, section, id, lang), 'utf8')).body.split('\n').some((l) => l.length > 200 && !/^[-#|[>]/.test(l)));

  // A withdrawn practice may not be referred to: the one practice that refers to it loses the
  // reference, and is the practice whose text is edited.
  const referrers = (id: string) => {
    const found: { section: string; id: string }[] = [];
    for (const section of sections) {
      for (const other of files(folder, section)) {
        if (other === id) continue;
        const text = readFileSync(draftFile(folder, section, other, 'en'), 'utf8');
        if (text.includes(`(#${id})`) || new RegExp(`^related:.*\\b${id}\\b`, 'm').test(text)) found.push({ section, id: other });
      }
    }
    return found;
  };
  const candidates = sections.flatMap((section) => files(folder, section).map((id) => ({ section, id, referrers: referrers(id) })));
  const lonely = candidates.find((c) => c.referrers.length === 1);
  if (!lonely) throw new Error('no practice referred to by exactly one other');
  const withdrawn = lonely.id;
  const withdrawnSection = lonely.section;
  used.add(withdrawn);
  const textEdited = lonely.referrers[0]!.id;
  const textSection = lonely.referrers[0]!.section;
  used.add(textEdited);
  const addedWords = { en: 'Budgets should be published every year.', fr: 'Les budgets devraient être publiés chaque année.', ar: 'وينبغي نشر الميزانيات كل عام.' };
  for (const lang of LANGS) {
    const file = draftFile(folder, textSection, textEdited, lang);
    const text = readFileSync(file, 'utf8')
      .replace(new RegExp(`^(related:.*?)(, ${withdrawn}|${withdrawn}, )`, 'm'), '$1')
      .replace(new RegExp(` ?\\(\\[\\]\\(#${withdrawn}\\)\\)`, 'g'), '')
      .replace(new RegExp(`\\[\\]\\(#${withdrawn}\\)`, 'g'), '')
      .replace(new RegExp(`\\[([^\\]]+)\\]\\(#${withdrawn}\\)`, 'g'), '$1');
    writeFileSync(file, text);
    edit(file, (body) => body.replace(/^(\n*)(.+)$/m, (_, blank: string, line: string) => `${blank}${line} ${addedWords[lang]}`));
  }
  for (const lang of LANGS) {
    const file = draftFile(folder, withdrawnSection, withdrawn, lang);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: .*$/m, 'status: withdrawn'));
  }

  const footnoteEdited = pick('detection', hasFootnote('detection'));
  for (const lang of LANGS) {
    edit(draftFile(folder, 'detection', footnoteEdited, lang), (body) => body.replace(/^(\[\^[^\]]+\]: .*?)\s*$/m, (_, note: string) => `${note} (2025 edition)`));
  }

  const reflowed = pick('response', hasLongParagraph('response'));
  for (const lang of LANGS) {
    edit(draftFile(folder, 'response', reflowed, lang), (body) =>
      body.replace(/^(?![-#|[>]).{201,}$/m, (line) => {
        const words = line.split(' ');
        const lines: string[] = [];
        let current = '';
        for (const word of words) {
          if (current && current.length + word.length > 60) {
            lines.push(current);
            current = word;
          } else current = current ? `${current} ${word}` : word;
        }
        lines.push(current);
        return lines.join('\n');
      }),
    );
  }

  // The practice moved holds a table, when one does: a table deleted and inserted whole is the
  // hardest case for the Word redline.
  const hasTable = (section: string) => (id: string) => LANGS.every((lang) => /^\|/m.test(readFileSync(draftFile(folder, section, id, lang), 'utf8')));
  const withTable = sections.flatMap((section) => files(folder, section).filter((id) => !used.has(id) && hasTable(section)(id)).map((id) => ({ section, id })))[0];
  const movedFrom = withTable?.section ?? 'intervention';
  const movedTo = movedFrom === 'response' ? 'intervention' : 'response';
  const moved = withTable ? withTable.id : pick(movedFrom);
  used.add(moved);
  for (const lang of LANGS) {
    const from = draftFile(folder, movedFrom, moved, lang);
    renameSync(from, draftFile(folder, movedTo, moved, lang));
  }

  const added = 'early-warning-hotlines';
  const titles = { en: 'Run confidential early-warning hotlines', fr: "Gérer des lignes d'alerte précoce confidentielles", ar: 'تشغيل خطوط إنذار مبكر سرية' };
  const statements = {
    en: 'Authorities should run confidential hotlines where relatives and friends can raise early concerns about radicalization to violence.',
    fr: 'Les autorités devraient gérer des lignes confidentielles où les proches peuvent signaler tôt leurs inquiétudes au sujet de la radicalisation menant à la violence.',
    ar: 'ينبغي للسلطات تشغيل خطوط هاتفية سرية يمكن للأقارب والأصدقاء من خلالها الإبلاغ مبكرا عن مخاوفهم بشأن التطرف العنيف.',
  };
  for (const lang of LANGS) {
    writeFileSync(draftFile(folder, 'detection', added, lang), `---\ntitle: ${JSON.stringify(titles[lang])}\nstatus: draft\norder: -1000\n---\n\n${statements[lang]}\n`);
  }

  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Rabat review');
  return {
    root,
    folder,
    edits: { textEdited, addedWords, added, addedSection: 'detection', moved, movedFrom, movedTo, withdrawn, footnoteEdited, reflowed },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
