#!/usr/bin/env node
// Writes a synthetic framework project of N good-practice drafts, for benchmarks and scale tests.
// Usage: node test/bench/gen-corpus.mjs OUT_DIR [N=1000] [--langs en,ar,fr] [--seed 1]
// The corpus is in the shape of the framework format that gctf reads: a framework.yaml manifest,
// one folder per section, one Markdown file per practice with YAML frontmatter, cross-references
// as [](#id), GFM footnotes and tables. The same arguments always write the same bytes.
// A copy of the reference corpus generator, so that `npm run bench` needs nothing outside this
// repository: keep its output byte for byte the same as the reference's for the same arguments.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const langs = flag('--langs', 'en').split(',');
let seed = Number(flag('--seed', '1'));
const [out, nArg] = args;
if (!out) {
  console.error('usage: gen-corpus.mjs OUT_DIR [N=1000] [--langs en,ar] [--seed 1]');
  process.exit(2);
}
const n = Number(nArg ?? 1000);

function rand() { // mulberry32: small, seeded, deterministic
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const words = ('community trust prevention detection intervention response families teachers social workers ' +
  'law enforcement information sharing local government national authorities radicalization violence ' +
  'rehabilitation reintegration referral multi-agency programme training safeguards human rights ' +
  'oversight data protection evaluation indicators risk assessment prosecution criminal justice ' +
  'civil society youth online propaganda soft targets coordination partnership capacity resources').split(' ');
const arWords = 'الثقة المجتمع الوقاية الكشف التدخل الاستجابة الأسر المعلمون الأخصائيون الاجتماعيون إنفاذ القانون تبادل المعلومات الحكومات المحلية'.split(' ');
const frWords = 'confiance communauté prévention détection intervention réponse familles enseignants travailleurs sociaux police partage information'.split(' ');
const vocab = { en: words, ar: arWords, fr: frWords };

const sentence = (lang) => {
  const len = 10 + Math.floor(rand() * 14);
  const s = Array.from({ length: len }, () => pick(vocab[lang] ?? words)).join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + (lang === 'ar' ? '.' : '.');
};
const paragraph = (lang, k) => Array.from({ length: k }, () => sentence(lang)).join(' ');

const sections = [
  { id: 'prevention', title: 'Prevention' },
  { id: 'detection', title: 'Detection' },
  { id: 'intervention', title: 'Intervention' },
  { id: 'response', title: 'Response' },
];
const statuses = ['draft', 'review', 'agreed', 'adopted'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const ids = Array.from({ length: n }, (_, i) => `practice-${String(i + 1).padStart(5, '0')}`);

writeFileSync(join(out, 'framework.yaml'), [
  'title: Synthetic Good Practices Framework',
  'subtitle: Benchmark corpus',
  'language: en',
  'front: [introduction.md]',
  `languages: [${langs.join(', ')}]`,
  'sections:',
  ...sections.flatMap((s) => [`  - id: ${s.id}`, `    title: ${s.title}`]),
  '',
].join('\n'));
writeFileSync(join(out, 'introduction.md'), `---\ntitle: Introduction\n---\n\n${paragraph('en', 6)}\n\n${paragraph('en', 5)}\n`);

for (const s of sections) mkdirSync(join(out, s.id), { recursive: true });
ids.forEach((id, i) => {
  const s = sections[i % sections.length];
  const related = [pick(ids), pick(ids)].filter((r) => r !== id);
  let sourceHash = '';
  for (const lang of langs) {
    const ref = pick(ids);
    const body = [
      paragraph(lang, 3),
      '',
      `## ${lang === 'en' ? 'Rationale' : lang === 'ar' ? 'الأساس المنطقي' : 'Justification'}`,
      '',
      `${paragraph(lang, 4)} See [](#${ref}).[^1]`,
      '',
      `- ${sentence(lang)}`,
      `- ${sentence(lang)}`,
      `- ${sentence(lang)}`,
      '',
      `## ${lang === 'en' ? 'Implementation' : lang === 'ar' ? 'التنفيذ' : 'Mise en œuvre'}`,
      '',
      paragraph(lang, 5),
      '',
      '| Actor | Role |',
      '| --- | --- |',
      `| ${pick(vocab[lang] ?? words)} | ${sentence(lang)} |`,
      `| ${pick(vocab[lang] ?? words)} | ${sentence(lang)} |`,
      '',
      `[^1]: ${sentence('en')}`,
      '',
    ].join('\n');
    const fm = [
      '---',
      `id: ${id}`,
      `title: ${lang === 'en' ? 'Good practice on ' + pick(words) + ' ' + pick(words) : pick(vocab[lang]) + ' ' + pick(vocab[lang])}`,
      `status: ${pick(statuses)}`,
      `order: ${i + 1}`,
      `related: [${related.join(', ')}]`,
      `tags: [${pick(words)}, ${pick(words)}]`,
      ...(lang === langs[0] ? [] : [`source-hash: ${sourceHash}`]),
      '---',
      '',
    ].join('\n');
    if (lang === langs[0]) sourceHash = createHash('sha256').update(body).digest('hex').slice(0, 8);
    const name = lang === langs[0] ? `${id}.md` : `${id}.${lang}.md`;
    writeFileSync(join(out, s.id, name), fm + body);
  }
});
console.error(`wrote ${n} practices x ${langs.length} language(s) to ${out}`);
