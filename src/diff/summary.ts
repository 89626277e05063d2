import type { Hunk } from './align.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type FrameworkDiff } from './compare.js';

/** What the two sides were, as the user named them. */
export interface SideNames {
  readonly old: string;
  readonly new: string;
}

/** How each kind reads in a summary. */
export const KIND_NAMES: Readonly<Record<ChangeKind, string>> = {
  added: 'added',
  withdrawn: 'withdrawn',
  moved: 'moved',
  renumbered: 'renumbered',
  retitled: 'retitled',
  status: 'status changed',
  text: 'text changed',
};

/** Draft text bound for a terminal: no control characters (an escape sequence in a title stays text). */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

const oneLine = (value: string) => terminalSafe(value.replace(/\s+/g, ' ').trim());

/** Changes grouped by practice (or section, or part) and kind: a text change in three languages is one line. */
function grouped(diff: FrameworkDiff, kind: ChangeKind): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const change of diff.changes) {
    if (change.kind !== kind) continue;
    const key = `${change.target}:${change.id}`;
    const list = groups.get(key) ?? [];
    list.push(change);
    groups.set(key, list);
  }
  return [...groups.values()];
}

function countsLine(diff: FrameworkDiff): string {
  return CHANGE_KINDS.map((kind) => `${diff.counts[kind]} ${KIND_NAMES[kind]}`).join(', ');
}

/** `Good Practice 7` for a change, in the authoritative edition's words, or the section or part id. */
function subject(diff: FrameworkDiff, change: Change): string {
  if (change.target !== 'practice') return `${change.target} ${change.id}`;
  const redline = diff.redlines[0];
  const found = redline?.sections.flatMap((s) => s.practices).find((p) => p.id === change.id && p.mark !== 'del');
  const label = found?.label ?? redline?.sections.flatMap((s) => s.practices).find((p) => p.id === change.id)?.label ?? change.id;
  return `${label} (${change.id})`;
}

function hunkText(hunk: Hunk, del: (s: string) => string, ins: (s: string) => string): string {
  const before = hunk.before ? `…${oneLine(hunk.before).slice(-40)} ` : '';
  return `${before}${hunk.removed ? del(oneLine(hunk.removed)) : ''}${hunk.added ? ins(oneLine(hunk.added)) : ''}`;
}

/**
 * The terminal summary: the two sides, the counts per kind, each change on a line (text changes
 * with their first hunks, `[-deleted-]{+inserted+}` as `git diff --word-diff` writes them), and
 * the renumbering map.
 */
export function terminalSummary(diff: FrameworkDiff, sides: SideNames, color: boolean): string {
  const paint = (code: number, close: number) => (s: string) => (color ? `\u001B[${code}m${s}\u001B[${close}m` : s);
  const red = paint(31, 39);
  const green = paint(32, 39);
  const bold = paint(1, 22);
  const lines = [bold(`gctf diff ${terminalSafe(sides.old)} → ${terminalSafe(sides.new)}`) + `  (${diff.languages.join(', ')})`, `  ${countsLine(diff)}`];
  if (diff.substantive === 0) lines.push('  no substantive changes');
  for (const kind of CHANGE_KINDS) {
    if (kind === 'renumbered') continue;
    for (const group of grouped(diff, kind)) {
      const first = group[0] as Change;
      let detail = '';
      if (kind === 'moved') detail = `${first.oldSection} → ${first.section}`;
      else if (kind === 'status') detail = `${first.oldStatus} → ${first.status}`;
      else if (kind === 'added') detail = first.title ? `"${oneLine(first.title)}"` : '';
      else if (kind === 'withdrawn') detail = first.oldTitle ? `"${oneLine(first.oldTitle)}"` : '';
      else if (kind === 'retitled' || kind === 'text') detail = group.map((c) => c.lang).join(', ');
      lines.push(`  ${KIND_NAMES[kind].padEnd(14)} ${terminalSafe(subject(diff, first))}${detail ? `  ${detail}` : ''}`);
      if (kind === 'text') {
        for (const change of group) {
          if (change.target === 'document') lines.push(`      ${change.lang}: ${red(`[-${oneLine(change.oldTitle ?? '')}-]`)}${green(`{+${oneLine(change.title ?? '')}+}`)}`);
          const hunks = change.hunks ?? [];
          for (const hunk of hunks.slice(0, 3)) lines.push(`      ${change.lang}: ${hunkText(hunk, (s) => red(`[-${s}-]`), (s) => green(`{+${s}+}`))}`);
          if (hunks.length > 3) lines.push(`      ${change.lang}: … ${hunks.length - 3} more`);
        }
      }
      if (kind === 'retitled') for (const change of group) lines.push(`      ${change.lang}: ${red(`[-${oneLine(change.oldTitle ?? '')}-]`)}${green(`{+${oneLine(change.title ?? '')}+}`)}`);
    }
  }
  if (diff.renumbering.length > 0) {
    lines.push(`  renumbered: ${diff.renumbering.map((r) => `${r.oldNumber} → ${r.newNumber}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Draft text in GitHub Markdown: no HTML, no table breaks, no accidental formatting. */
function md(value: string): string {
  return oneLine(value).replace(/[\\`*_{}[\]<>|~#]/g, (c) => `\\${c}`);
}

/**
 * The summary as GitHub Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: counts,
 * each change (text changes with their hunks, struck through and bold), and the renumbering table.
 */
export function githubSummary(diff: FrameworkDiff, sides: SideNames): string {
  const code = (value: string) => `\`${oneLine(value).replace(/`/g, "'")}\``;
  const out: string[] = [`### gctf diff: ${code(sides.old)} → ${code(sides.new)}`, ''];
  if (diff.substantive === 0) out.push('No substantive changes.', '');
  out.push('| change | count |', '| --- | ---: |');
  for (const kind of CHANGE_KINDS) out.push(`| ${KIND_NAMES[kind]} | ${diff.counts[kind]} |`);
  out.push('');
  for (const kind of CHANGE_KINDS) {
    if (kind === 'renumbered') continue;
    const groups = grouped(diff, kind);
    if (groups.length === 0) continue;
    out.push(`#### ${KIND_NAMES[kind][0]?.toUpperCase()}${KIND_NAMES[kind].slice(1)}`, '');
    for (const group of groups) {
      const first = group[0] as Change;
      let detail = '';
      if (kind === 'moved') detail = `: ${md(first.oldSection ?? '')} → ${md(first.section ?? '')}`;
      else if (kind === 'status') detail = `: ${md(first.oldStatus ?? '')} → ${md(first.status ?? '')}`;
      else if (kind === 'added' && first.title) detail = `: ${md(first.title)}`;
      else if (kind === 'withdrawn' && first.oldTitle) detail = `: ${md(first.oldTitle)}`;
      else if (kind === 'text' || kind === 'retitled') detail = ` (${group.map((c) => c.lang).join(', ')})`;
      out.push(`- **${md(subject(diff, first))}**${detail}`);
      for (const change of group) {
        if (kind === 'retitled' || (kind === 'text' && change.target === 'document')) out.push(`  - ${change.lang}: ~~${md(change.oldTitle ?? '')}~~ **${md(change.title ?? '')}**`);
        if (kind === 'text') {
          for (const hunk of (change.hunks ?? []).slice(0, 5)) {
            const before = hunk.before ? `…${md(oneLine(hunk.before).slice(-40))} ` : '';
            out.push(`  - ${change.lang}: ${before}${hunk.removed.trim() ? `~~${md(hunk.removed)}~~ ` : ''}${hunk.added.trim() ? `**${md(hunk.added)}**` : ''}`);
          }
        }
      }
    }
    out.push('');
  }
  if (diff.renumbering.length > 0) {
    out.push(`<details><summary>Renumbering (${diff.renumbering.length})</summary>`, '', '| was | now | id |', '| --- | --- | --- |');
    for (const r of diff.renumbering) out.push(`| ${md(r.oldLabel)} | ${md(r.newLabel)} | \`${md(r.id)}\` |`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}`;
}

/** Every change as data, for a dashboard or a bot. */
export function jsonSummary(diff: FrameworkDiff, sides: { old: object; new: object }): string {
  return `${JSON.stringify(
    {
      old: sides.old,
      new: sides.new,
      languages: diff.languages,
      counts: diff.counts,
      substantive: diff.substantive,
      renumbering: diff.renumbering,
      changes: diff.changes,
    },
    null,
    2,
  )}\n`;
}
