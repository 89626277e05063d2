import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { validateXML, memoryPages } from 'xmllint-wasm';
import { aknEmitter, aknTree } from '../src/emit/akn/akn-emitter.js';
import { anyUri } from '../src/emit/akn/any-uri.js';
import { AKN_NS, escapeAttribute, escapeText, ITS_NS, type XmlElement } from '../src/emit/akn/xml-tree.js';
import type { Edition } from '../src/model/edition.js';
import { registry } from '../src/rules/registry.js';
import { BUNDLED_PRACTICES, buildFramework, contextFor, editionOf, languagesOf, type BuiltFramework, dated as datedEdition } from './helpers/build-framework.js';
import { runCli } from './helpers/run-cli.js';

// Every Akoma Ntoso output is validated against the OASIS schema carried in the repository
// (schema/akomantoso30/, with the xml.xsd it imports), by libxml2's xmllint compiled to
// WebAssembly: nothing to install, and nothing fetched.

const SCHEMA_DIR = path.resolve(import.meta.dirname, '..', 'schema', 'akomantoso30');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const AKN_FIXTURE = path.join(FIXTURES, 'akn');
/** A fixed SOURCE_DATE_EPOCH: 2023-11-14T22:13:20Z. */
const EPOCH = '1700000000';

interface XmlFile {
  readonly fileName: string;
  readonly contents: string;
}

/** Validates `files` in one run of xmllint; returns each file's schema errors (none when valid). */
async function validate(files: readonly XmlFile[]): Promise<Map<string, string[]>> {
  const result = await validateXML({
    xml: files,
    schema: [{ fileName: 'akomantoso30.xsd', contents: readFileSync(path.join(SCHEMA_DIR, 'akomantoso30.xsd'), 'utf8') }],
    preload: [{ fileName: 'xml.xsd', contents: readFileSync(path.join(SCHEMA_DIR, 'xml.xsd'), 'utf8') }],
    maxMemoryPages: memoryPages.GiB,
  });
  const errors = new Map(files.map((f) => [f.fileName, [] as string[]]));
  for (const error of result.errors) {
    const name = error.loc?.fileName ?? files[0]?.fileName ?? '';
    errors.get(name)?.push(error.rawMessage);
  }
  return errors;
}

/** An element read back from the XML, attributes by their qualified names. */
interface Node {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (Node | string)[];
  readonly parent: Node | undefined;
}

type Ordered = Record<string, unknown>;

function readXml(text: string): Node {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
  });
  const convert = (entries: Ordered[], parent: Node | undefined): (Node | string)[] =>
    entries.map((entry) => {
      if ('#text' in entry) return String(entry['#text']);
      const name = Object.keys(entry).find((key) => key !== ':@')!;
      const node: Node = { name, attributes: (entry[':@'] as Record<string, string> | undefined) ?? {}, children: [], parent };
      node.children.push(...convert(entry[name] as Ordered[], node));
      return node;
    });
  const root = convert(parser.parse(text) as Ordered[], undefined).find((n): n is Node => typeof n !== 'string');
  if (!root) throw new Error('no root element');
  return root;
}

function* descendants(node: Node): Generator<Node> {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    yield child;
    yield* descendants(child);
  }
}

const all = (root: Node, name: string, attributes: Record<string, string> = {}) =>
  [...descendants(root)].filter((n) => n.name === name && Object.entries(attributes).every(([k, v]) => n.attributes[k] === v));

function one(root: Node, name: string, attributes: Record<string, string> = {}): Node {
  const found = all(root, name, attributes);
  expect(found, `one <${name} ${JSON.stringify(attributes)}>`).toHaveLength(1);
  return found[0]!;
}

const child = (node: Node, name: string) => node.children.find((c): c is Node => typeof c !== 'string' && c.name === name);
const textOf = (node: Node | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
/** The text a reader sees where a node stands: its own, without the notes it holds. */
const runningText = (node: Node | string): string =>
  typeof node === 'string' ? node : node.name === 'authorialNote' || node.name === 'noteRef' ? '' : node.children.map(runningText).join('');
const langOf = (node: Node | undefined): string | undefined => (node === undefined ? undefined : (node.attributes['xml:lang'] ?? langOf(node.parent)));
const dirOf = (node: Node | undefined): string | undefined => (node === undefined ? undefined : (node.attributes['its:dir'] ?? dirOf(node.parent)));

const ISO_639_2: Record<string, string> = { en: 'eng', fr: 'fra', ar: 'ara' };

/** Every eId in the document, and every `#…` a `ref`, `noteRef` or FRBR element points at. */
function links(root: Node) {
  const eIds = [...descendants(root)].flatMap((n) => (n.attributes.eId ? [n.attributes.eId] : []));
  const hrefs = [...descendants(root)].filter((n) => n.name === 'ref' || n.name === 'noteRef').map((n) => n.attributes.href ?? '');
  return { eIds, hrefs };
}

describe('gctf build --format akn, the bundled framework', async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  const editions = new Map<string, Edition>();
  const documents = new Map<string, Node>();
  let errors: Map<string, string[]>;

  // A copy, so that the build and the editions it is compared with read the same drafts.
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-akn-practices-'));
  cpSync(BUNDLED_PRACTICES, folder, { recursive: true });

  beforeAll(async () => {
    build = await buildFramework(folder, { formats: ['akn'], env: { SOURCE_DATE_EPOCH: EPOCH } });
    const files = langs.map((lang) => ({ fileName: path.basename(build.path(lang, 'akn.xml')), contents: readFileSync(build.path(lang, 'akn.xml'), 'utf8') }));
    errors = await validate(files);
    for (const [i, lang] of langs.entries()) {
      editions.set(lang, await editionOf(folder, lang));
      documents.set(lang, readXml(files[i]!.contents));
    }
  }, 120_000);
  afterAll(() => {
    build?.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes one file per language edition, <slug>.akn.xml and <slug>.<lang>.akn.xml', () => {
    expect(build.files).toEqual(langs.map((lang) => path.basename(build.path(lang, 'akn.xml'))).sort());
  });

  describe.each(langs)('the %s edition', (lang) => {
    const edition = () => editions.get(lang)!;
    const document = () => documents.get(lang)!;

    it('is valid against the OASIS Akoma Ntoso 3.0 schema', () => {
      expect(errors.get(path.basename(build.path(lang, 'akn.xml')))).toEqual([]);
    });

    it('is a doc of good practices whose Expression is in its language, with xml:lang and direction on its text', () => {
      const root = document();
      expect(root.name).toBe('akomaNtoso');
      expect(one(root, 'doc').attributes.name).toBe('goodPractices');
      expect(one(root, 'FRBRlanguage').attributes.language).toBe(ISO_639_2[lang]);
      for (const name of ['preface', 'mainBody']) {
        const node = one(root, name);
        expect(node.attributes['xml:lang']).toBe(lang);
        expect(node.attributes['its:dir']).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      }
      expect(textOf(one(root, 'docTitle'))).toBe(edition().metadata.title);
      const authoritative = child(one(root, 'FRBRExpression'), 'FRBRauthoritative')!;
      expect(authoritative.attributes.value).toBe(String(edition().isAuthoritative));
    });

    it('names the three FRBR levels: one Work for every language, the Expression and the Manifestation its own', () => {
      const root = document();
      const thisOf = (level: string) => child(one(root, level), 'FRBRthis')!.attributes.value!;
      const work = thisOf('FRBRWork');
      const english = documents.get(langs[0]!)!;
      expect(work).toBe(child(one(english, 'FRBRWork'), 'FRBRthis')!.attributes.value);
      const adopted = edition().metadata.adopted;
      const workDate = adopted ?? '2023-11-14';
      expect(work).toBe(`/akn/gctf/doc/goodPractices/${workDate}/${edition().metadata.slug}/!main`);
      expect(thisOf('FRBRExpression')).toBe(`${work.replace(/\/!main$/, '')}/${ISO_639_2[lang]}@/!main`);
      expect(thisOf('FRBRManifestation')).toBe(`${work.replace(/\/!main$/, '')}/${ISO_639_2[lang]}@/!main.xml`);
      // The only date a build stamps is SOURCE_DATE_EPOCH's; the Work's is the adoption date when there is one.
      expect(child(one(root, 'FRBRManifestation'), 'FRBRdate')!.attributes.date).toBe('2023-11-14');
      expect(child(one(root, 'FRBRWork'), 'FRBRdate')!.attributes.date).toBe(workDate);
      const author = one(root, 'TLCOrganization');
      expect(child(one(root, 'FRBRWork'), 'FRBRauthor')!.attributes.href).toBe(`#${author.attributes.eId}`);
    });

    it('has every section and practice as an hcontainer, numbered as the edition numbers them, with eIds from their ids', () => {
      const root = document();
      const sections = all(root, 'hcontainer', { name: 'section' });
      expect(sections.map((s) => s.attributes.eId)).toEqual(edition().sections.map((s) => `sec_${s.id}`));
      expect(sections.map((s) => [textOf(child(s, 'num')!), textOf(child(s, 'heading')!)])).toEqual(edition().sections.map((s) => [s.numeral, s.title]));
      const practices = all(root, 'hcontainer', { name: 'goodPractice' });
      expect(practices.map((p) => p.attributes.eId)).toEqual(edition().practices.map((p) => `gp_${p.id}`));
      expect(practices.map((p) => [textOf(child(p, 'num')!), textOf(child(p, 'heading')!)])).toEqual(edition().practices.map((p) => [p.label, p.title]));
      for (const [i, practice] of practices.entries()) {
        const statement = all(practice, 'block', { name: 'statement' });
        expect(statement).toHaveLength(1);
        expect(runningText(statement[0]!)).toBe(toString(edition().practices[i]!.statement!));
        expect(statement[0]!.parent?.name).toMatch(/^(content|intro)$/);
      }
    });

    it('holds its front and back parts, and every practice\'s text in its language', () => {
      const root = document();
      expect(all(root, 'hcontainer', { name: 'frontPart' }).map((p) => textOf(child(p, 'heading')!))).toEqual(edition().front.map((p) => p.title));
      expect(all(root, 'hcontainer', { name: 'backPart' }).map((p) => textOf(child(p, 'heading')!))).toEqual(edition().back.map((p) => p.title));
      for (const practice of edition().practices) {
        expect(langOf(one(root, 'hcontainer', { eId: `gp_${practice.id}` }))).toBe(practice.textLang);
      }
    });

    it('links every cross-reference to an eId of the document, and writes each footnote where it is called', () => {
      const root = document();
      const { eIds, hrefs } = links(root);
      expect(new Set(eIds).size).toBe(eIds.length);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(eIds, href).toContain(href.slice(1));
      const footnotes = [...edition().front, ...edition().sections.flatMap((s) => (s.intro ? [s.intro] : [])), ...edition().practices, ...edition().back]
        .flatMap((item) => item.footnotes)
        .map((f) => f.identifier);
      const notes = all(root, 'authorialNote');
      expect(notes.map((n) => n.attributes.marker).sort()).toEqual([...footnotes].sort());
      for (const note of notes) expect(note.parent?.name, 'a note stands in the text that calls it').not.toMatch(/^(content|intro|mainBody)$/);
    });
  });
});

/** Every folder under test/fixtures that holds a framework. */
function fixtureFrameworks(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (!statSync(full).isDirectory()) continue;
    if (existsSync(path.join(full, 'framework.yaml'))) found.push(full);
    found.push(...fixtureFrameworks(full));
  }
  return found;
}

describe('gctf build --format akn, every test fixture that builds', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gctf-akn-fixtures-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes files that are all valid against the schema', async () => {
    const files: XmlFile[] = [];
    const built: string[] = [];
    for (const [i, framework] of fixtureFrameworks(FIXTURES).entries()) {
      const target = path.join(out, String(i));
      const run = await runCli(['build', framework, '--format', 'akn', '--out', target]);
      // Most rule fixtures hold errors on purpose, and a framework with errors is not built.
      if (run.code !== 0) continue;
      built.push(path.relative(FIXTURES, framework));
      for (const name of readdirSync(target).sort()) {
        files.push({ fileName: `${path.relative(FIXTURES, framework).replaceAll(path.sep, '.')}.${name}`, contents: readFileSync(path.join(target, name), 'utf8') });
      }
    }
    expect(built).toContain('akn');
    expect(built).toContain('hostile-html');
    expect(built.length).toBeGreaterThanOrEqual(20);
    const errors = await validate(files);
    const invalid = [...errors].filter(([, messages]) => messages.length > 0);
    expect(invalid).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(built.length);
  }, 300_000);

  it('the validation itself finds an invalid document invalid (the schema is really read)', async () => {
    const bad = '<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><section/></mainBody></doc></akomaNtoso>\n';
    const errors = await validate([{ fileName: 'bad.xml', contents: bad }]);
    expect(errors.get('bad.xml')!.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('gctf build --format akn, test/fixtures/akn', () => {
  let build: BuiltFramework;
  let en: Node;
  let ar: Node;
  beforeAll(async () => {
    build = await buildFramework(AKN_FIXTURE, { formats: ['akn'] });
    en = readXml(readFileSync(build.path('en', 'akn.xml'), 'utf8'));
    ar = readXml(readFileSync(build.path('ar', 'akn.xml'), 'utf8'));
  }, 60_000);
  afterAll(() => build?.remove());

  it('escapes what XML must escape, and reads back the same text (typeset: the quotes curly)', () => {
    expect(textOf(one(en, 'docTitle'))).toBe('Akoma Ntoso <fixture> & “friends”');
    const practice = one(en, 'hcontainer', { eId: 'gp_every-block' });
    expect(textOf(child(practice, 'heading')!)).toBe('Write <every> kind of “block” & inline');
    const external = all(practice, 'a').find((a) => textOf(a) === 'an external link')!;
    expect(external.attributes).toMatchObject({ href: 'https://example.org/search?q=a&b=%22c%22', title: 'A <title>' });
    expect(textOf(one(practice, 'inline', { name: 'code' }))).toBe('code <b>');
  });

  it('writes a footnote as an authorialNote where it is called, and a second call as a noteRef to it', () => {
    const practice = one(en, 'hcontainer', { eId: 'gp_every-block' });
    const [first, second] = all(practice, 'authorialNote');
    expect(first!.parent?.attributes.name).toBe('statement');
    expect(textOf(first!)).toBe('The first footnote, with a link.');
    const paragraph = second!.parent!;
    expect(runningText(paragraph)).toMatch(/^A second paragraph calls the same footnote again and another one, with a hard/);
    expect(one(paragraph, 'noteRef').attributes).toMatchObject({ href: `#${first!.attributes.eId}`, marker: first!.attributes.marker });
    expect(one(second!, 'ul')).toBeDefined();
    expect(one(paragraph, 'a', { href: 'https://example.org/reference' })).toBeDefined();
  });

  it('writes lists, tables, quotations, code and subsections in their Akoma Ntoso elements', () => {
    const practice = one(en, 'hcontainer', { eId: 'gp_every-block' });
    const subsections = all(practice, 'hcontainer', { name: 'subsection' });
    expect(subsections.map((s) => [s.attributes.eId, textOf(child(s, 'heading')!)])).toEqual([
      ['gp_every-block__subsec_1', 'Lists and tables'],
      ['gp_every-block__subsec_2', 'Quotations and code'],
      ['gp_every-block__subsec_2__subsec_1', 'A deeper subsection'],
    ]);
    expect(one(subsections[0]!, 'ul').children.filter((c) => typeof c !== 'string').map(runningText)).toEqual(['a tight item', 'another with a nested list:firstsecond']);
    expect(all(practice, 'li', { value: '3' })).toHaveLength(1);
    const table = one(practice, 'table');
    const rows = table.children.filter((c): c is Node => typeof c !== 'string');
    expect(rows.map((row) => row.children.filter((c): c is Node => typeof c !== 'string').map((cell) => `${cell.name}:${textOf(cell)}`))).toEqual([
      ['th:Left', 'th:Centre', 'th:Right'],
      ['td:a & b', 'td:<c>', 'td:“d”'],
      ['td:', 'td:empty cell before', 'td:x'],
    ]);
    expect(one(practice, 'blockContainer').children.filter((c): c is Node => typeof c !== 'string').map((p) => `${p.name}:${textOf(p)}`)).toEqual(['p:A quotation with bold text.', 'p:And a second paragraph.']);
    const code = one(practice, 'block', { name: 'code' });
    expect(code.attributes['xml:space']).toBe('preserve');
    expect(textOf(code)).toBe('if (a < b && c > d) {\n  return "quoted";\n}');
    expect(one(practice, 'img').attributes).toMatchObject({ src: 'figures/image.png', alt: 'An image <alt>' });
    expect(one(practice, 'wrapUp').children.filter((c): c is Node => typeof c !== 'string').map(runningText)).toEqual(['Related practices: Practice 2']);
  });

  it('puts the section introduction, front and back parts and the cover metadata in place', () => {
    const section = one(en, 'hcontainer', { eId: 'sec_prevention' });
    const intro = one(section, 'hcontainer', { name: 'sectionIntroduction' });
    expect(runningText(intro)).toContain('Prevention comes first.');
    expect(textOf(child(one(intro, 'hcontainer', { name: 'subsection' }), 'heading')!)).toBe('Why prevention');
    expect(one(en, 'docDate').attributes.date).toBe('2020-02-29');
    expect(all(en, 'docProponent').map(textOf)).toEqual(['Atlantis', 'Utopia', 'El Dorado']);
    expect(textOf(one(en, 'docStatus'))).toBe('DRAFT');
    expect(one(en, 'hcontainer', { eId: 'front_introduction' }).attributes.name).toBe('frontPart');
    expect(one(en, 'hcontainer', { eId: 'back_closing' }).attributes.name).toBe('backPart');
    expect(all(en, 'ref', { href: '#sec_response' }).map((ref) => ref.parent?.name)).toEqual(['p', 'p']);
  });

  it('marks the Arabic edition right to left, and an untranslated practice as English, left to right, inside it', () => {
    expect(one(ar, 'mainBody').attributes).toMatchObject({ 'xml:lang': 'ar', 'its:dir': 'rtl' });
    expect(one(ar, 'FRBRlanguage').attributes.language).toBe('ara');
    expect(one(ar, 'FRBRtranslation').attributes).toMatchObject({ fromLanguage: 'eng', authoritative: 'false' });
    expect(child(one(ar, 'FRBRWork'), 'FRBRthis')!.attributes).toEqual(child(one(en, 'FRBRWork'), 'FRBRthis')!.attributes);
    const untranslated = one(ar, 'hcontainer', { eId: 'gp_every-block' });
    expect([langOf(untranslated), dirOf(untranslated)]).toEqual(['en', 'ltr']);
    const number = child(untranslated, 'num')!;
    expect([textOf(number), langOf(number), dirOf(number)]).toEqual(['الممارسة 1', 'ar', 'rtl']);
    expect(langOf(one(untranslated, 'block', { name: 'untranslated' }))).toBe('ar');
    const translated = one(ar, 'hcontainer', { eId: 'gp_plain-practice' });
    expect([langOf(translated), dirOf(translated)]).toEqual(['ar', 'rtl']);
    expect(runningText(one(translated, 'block', { name: 'statement' }))).toBe('بيان بسيط يحيل إلى الممارسة 1.');
  });
});

describe('gctf build --format akn, eIds when the document is renumbered', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-akn-renumber-'));
    cpSync(AKN_FIXTURE, folder, { recursive: true });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const practices = (root: Node) =>
    all(root, 'hcontainer', { name: 'goodPractice' }).map((p) => ({ eId: p.attributes.eId, number: textOf(child(p, 'num')!) }));

  it('keeps every practice\'s eId, and every reference to it, when a practice is inserted before it', async () => {
    const before = await buildFramework(folder, { formats: ['akn'], langs: ['en'] });
    const first = readXml(readFileSync(before.path('en', 'akn.xml'), 'utf8'));
    before.remove();
    writeFileSync(
      path.join(folder, 'prevention', 'inserted.md'),
      '---\ntitle: Come first\nstatus: draft\norder: 1\n---\n\nA new first practice, before [](#every-block), with a bell \u0007 in it.\n',
    );
    const after = await buildFramework(folder, { formats: ['akn'], langs: ['en'] });
    const text = readFileSync(after.path('en', 'akn.xml'), 'utf8');
    after.remove();
    const second = readXml(text);

    expect(practices(first)).toEqual([
      { eId: 'gp_every-block', number: 'Practice 1' },
      { eId: 'gp_plain-practice', number: 'Practice 2' },
      { eId: 'gp_respond', number: 'Practice 3' },
    ]);
    expect(practices(second)).toEqual([
      { eId: 'gp_inserted', number: 'Practice 1' },
      { eId: 'gp_every-block', number: 'Practice 2' },
      { eId: 'gp_plain-practice', number: 'Practice 3' },
      { eId: 'gp_respond', number: 'Practice 4' },
    ]);
    // References follow the numbers in their words and keep pointing at the same eId.
    const refsTo = (root: Node, eId: string) => all(root, 'ref', { href: `#${eId}` }).map(textOf);
    expect(refsTo(first, 'gp_plain-practice')).toContain('Practice 2');
    expect(refsTo(second, 'gp_plain-practice')).toContain('Practice 3');
    expect(refsTo(second, 'gp_every-block')).toContain('Practice 2');
    // A character XML cannot hold is shown as U+FFFD, and the file stays valid.
    expect(runningText(one(one(second, 'hcontainer', { eId: 'gp_inserted' }), 'block', { name: 'statement' }))).toContain('\uFFFD');
    const errors = await validate([{ fileName: 'renumbered.xml', contents: text }]);
    expect(errors.get('renumbered.xml')).toEqual([]);
  }, 120_000);
});

/**
 * The same tree written by xmlbuilder2 (its DOM, escaping and serializer), with gctf's layout: the
 * reference the hand-written writer of src/emit/akn/xml-tree.ts is held to.
 */
function writtenByXmlbuilder2(root: XmlElement): string {
  const document = create({ invalidCharReplacement: '\uFFFD' });
  const namespaceOf = (name: string) => (name.startsWith('xml:') ? 'http://www.w3.org/XML/1998/namespace' : name.startsWith('its:') ? ITS_NS : null);
  const indented = new Set(['akomaNtoso', 'doc', 'meta', 'identification', 'FRBRWork', 'FRBRExpression', 'FRBRManifestation', 'references', 'preface', 'longTitle', 'mainBody', 'hcontainer', 'content', 'intro', 'wrapUp', 'blockContainer', 'ul', 'ol', 'table', 'tr']);
  type Builder = ReturnType<typeof document.ele>;
  const fill = (element: Builder, node: XmlElement, depth: number | undefined) => {
    for (const [name, value] of Object.entries(node.attributes)) if (value !== undefined) element.att(namespaceOf(name), name, value);
    const children = node.children.filter((c) => c !== '');
    const indent = depth !== undefined && indented.has(node.name) && children.length > 0 ? depth + 1 : undefined;
    for (const c of children) {
      if (indent !== undefined) element.txt(`\n${'  '.repeat(indent)}`);
      if (typeof c === 'string') element.txt(c);
      else fill(element.ele(c.name), c, indent);
    }
    if (indent !== undefined) element.txt(`\n${'  '.repeat(indent - 1)}`);
  };
  fill(document.ele(AKN_NS, root.name).att('http://www.w3.org/2000/xmlns/', 'xmlns:its', ITS_NS), root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document.end({ headless: true, prettyPrint: false })}\n`;
}

describe('the Akoma Ntoso writer', () => {
  it.each([
    ['practices/', BUNDLED_PRACTICES, 'ar'],
    ['test/fixtures/akn', AKN_FIXTURE, 'en'],
    ['test/fixtures/akn', AKN_FIXTURE, 'ar'],
    ['test/fixtures/hostile-html', path.join(FIXTURES, 'hostile-html'), 'en'],
  ])('writes %s (%s) byte for byte as xmlbuilder2 does', async (_name, folder, lang) => {
    const edition = await editionOf(folder, lang);
    const context = contextFor(folder);
    const stamped = datedEdition(edition, Number(EPOCH));
    expect(await aknEmitter.emit(stamped, context)).toBe(writtenByXmlbuilder2(aknTree(stamped, context)));
  });

  it('escapes markup and quotes, and replaces what XML cannot hold with U+FFFD', async () => {
    const edition = await editionOf(AKN_FIXTURE, 'en');
    const hostile = 'a <b> & "c" \'d\' \u0000 \u0007 \uD800 \uFFFE \u{1F600} e';
    const changed = { ...edition, metadata: { ...edition.metadata, title: hostile, slug: hostile } };
    const context = contextFor(AKN_FIXTURE);
    const text = String(await aknEmitter.emit(changed, context));
    expect(text).toBe(writtenByXmlbuilder2(aknTree(changed, context)));
    const root = readXml(text);
    const shown = 'a <b> & "c" \'d\' \uFFFD \uFFFD \uFFFD \uFFFD \u{1F600} e';
    expect(textOf(one(root, 'docTitle'))).toBe(shown);
    expect(one(root, 'FRBRnumber').attributes.value).toBe(shown);
  });

  it('writes a valid document for an edition with nothing in it', async () => {
    const edition = await editionOf(AKN_FIXTURE, 'ar');
    const empty = { ...edition, front: [], sections: [], back: [], practices: [] };
    const errors = await validate([{ fileName: 'empty.xml', contents: String(await aknEmitter.emit(empty, contextFor(AKN_FIXTURE))) }]);
    expect(errors.get('empty.xml')).toEqual([]);
  }, 60_000);

  it('keeps line ends and tabs as they are, where xmlbuilder2 would let a parser change them', () => {
    // A parser turns a raw tab or line end in an attribute into a space, and a raw CR anywhere into a LF.
    expect(escapeAttribute('a\r\n\tb')).toBe('a&#xD;&#xA;&#x9;b');
    expect(escapeText('a\r\n\tb')).toBe('a&#xD;\n\tb');
  });
});

/** Characters XML escapes or cannot hold, and text direction marks, each alone. */
const NASTY = ['\u0000', '\u0007', '\u000B', '\r', '\uD800', '\uFFFE', '\u{1F600}', '\u202E', 'é', 'ع', '&', '<', '>', '"', "'", ']]>', '&amp;', '&#0;', '*', '_', '`', '|', '\\', '[', '^'];
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(...NASTY)), { maxLength: 5 })
  .map((parts) => parts.join(''));
const URLS = ['https://example.org/a b', '<https://example.org/a b>', 'https://example.org/?q=<x>&y="z"', 'mailto:a@example.org', 'javascript:alert(1)', 'data:text/html,x', '../up/file.png', 'file%zz.png', '#fine', '#prevention', '#nowhere', '', 'http://[::1]:80/', 'https://example.org/a[1]', '#a#b', 'x#a#b', 'a%2', '%', ':', '::', 'http://[::1', 'http://a:b@c:d/', 'http://x:99999999999/', 'https://ex ample.org', 'https://xn--bcher-kva.example/ü?ä#ö', '\\\\server\\share'];
const url = fc.constantFrom(...URLS);

/** Markdown constructs, nested where Akoma Ntoso nests differently (a table or code in a list item, a heading in a quote). */
const fragment = fc.oneof(
  text,
  fc.tuple(fc.integer({ min: 1, max: 6 }), text).map(([rank, t]) => `${'#'.repeat(rank)} ${t}`),
  text.map((t) => `- ${t}\n- ${t}\n  - nested ${t}\n    1. deep ${t}`),
  text.map((t) => `3. ${t}\n\n4. ${t}\n\n   second paragraph ${t}`),
  text.map((t) => `- item\n\n  | a | ${t} |\n  | - | :-: |\n  | ${t} | b |\n\n- \`\`\`\n  ${t}\n  \`\`\`\n- > quoted ${t}\n- ## heading ${t}`),
  text.map((t) => `> ${t}\n>\n> ## ${t}\n>\n> - ${t}\n>\n>> ${t}`),
  text.map((t) => `| a | ${t} | c |\n| :- | -: | :-: |\n| ${t} |  | \`x\` |\n| **${t}** | [l](https://example.org) | ![i](i.png) |`),
  text.map((t) => `\`\`\`${t.length % 2 ? 'js' : ''}\n${t}\n\`\`\``),
  fc.tuple(text, url).map(([t, u]) => `[${t}](${u}) ![${t}](${u}) [ref ${t}][r]\n\n[r]: ${u || '#fine'}`),
  text.map((t) => `Note[^a], again[^a], other[^b].\n\n[^a]: ${t} calls[^c]\n[^b]: - list ${t}\n\n    > quote\n[^c]: nested ${t}`),
  text.map((t) => `*${t}* **${t}** _${t}_ ~~${t}~~ \`${t}\` hard\\\nbreak <span>${t}</span> <!-- ${t} --> www.example.org`),
  fc.constantFrom('***', '    indented code', '- [ ] task\n- [x] done', '<div>\nraw\n</div>', '\\', '$x$', 'a\n===', 'b\n---'),
);

describe('gctf build --format akn, random drafts', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-akn-random-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // GCTF_FUZZ_RUNS and GCTF_FUZZ_SEED, as for test/fuzz.test.ts, make a longer hunt.
  const count = Number(process.env.GCTF_FUZZ_RUNS ?? 40);
  const seed = Number(process.env.GCTF_FUZZ_SEED ?? 20_260_101);

  it(`are written as valid Akoma Ntoso, whatever their Markdown holds (${count} drafts, seed ${seed})`, async () => {
    // Every rule a construct could break is off, so that the build goes on and writes them all.
    const off = ['heading-structure', 'unknown-reference', 'footnote-undefined', 'footnote-unused', 'raw-html', 'empty-practice', 'control-character', 'normalized-text', 'missing-translation', 'markdown-limits', 'image-alt-text'];
    const known = new Set(registry.map((registered) => registered.rule.id));
    const rules = off.filter((id) => known.has(id)).map((id) => `  ${id}: off`).join('\n');
    cpSync(AKN_FIXTURE, folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'framework.yaml'),
      `title: Random\nstatus: draft\nlanguages: [en, ar]\nrules:\n${rules}\nsections:\n  - id: prevention\n    title: Prevention\n  - id: response\n    title: Response\n`,
    );
    rmSync(path.join(folder, 'introduction.md'));
    rmSync(path.join(folder, 'introduction.ar.md'));
    rmSync(path.join(folder, 'closing.md'));
    writeFileSync(path.join(folder, 'prevention', 'fine.md'), '---\ntitle: Fine\nstatus: adopted\n---\n\nA fine statement.\n');
    const drafts = fc.sample(fc.array(fragment, { minLength: 1, maxLength: 6 }), { seed, numRuns: count });
    drafts.forEach((fragments, i) => {
      const body = [`Statement ${i}.`, ...fragments].join('\n\n');
      writeFileSync(path.join(folder, i % 2 ? 'prevention' : 'response', `random-${i}.md`), `---\ntitle: ${JSON.stringify(`Random <${i}> & "${i}"`)}\nstatus: draft\n---\n\n${body}\n`);
    });
    const out = path.join(folder, '..', `${path.basename(folder)}-out`);
    const run = await runCli(['build', folder, '--format', 'akn', '--out', out]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const files = readdirSync(out).map((name) => ({ fileName: name, contents: readFileSync(path.join(out, name), 'utf8') }));
    rmSync(out, { recursive: true, force: true });
    expect(files).toHaveLength(2);
    const errors = await validate(files);
    expect([...errors].filter(([, messages]) => messages.length > 0)).toEqual([]);
    for (const file of files) expect(all(readXml(file.contents), 'hcontainer', { name: 'goodPractice' })).toHaveLength(count + 4);
  }, 120_000);
});

describe('URLs in Akoma Ntoso links and images', () => {
  it.each([
    ['https://example.org/?q=<x>&y="z"', 'https://example.org/?q=%3Cx%3E&y=%22z%22'],
    ['https://bücher.example/ü?ä#ö', 'https://xn--bcher-kva.example/%C3%BC?%C3%A4#%C3%B6'],
    ['http://[::1]:80/a[1]', 'http://[::1]/a%5B1%5D'],
    ['../up/file.png', '../up/file.png'],
    ['file%zz.png', 'file%25zz.png'],
    ['a%20b#x#y', 'a%20b#x%23y'],
    [':colon', './:colon'],
    ['x\uD800y', 'x%EF%BF%BDy'],
    ['http://x:99999999999/', undefined],
  ])('%j is written %j', (url, written) => {
    expect(anyUri(url)).toBe(written);
  });
});
