import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../src/commands/serve.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { captureIo } from './helpers/capture-io.js';
import { expectWellFormedDocx, removeScratch, scratch } from './helpers/hostile-harness.js';
import { runCli } from './helpers/run-cli.js';

// The nine holes an attacker found (issue "Drafts from anyone, safely"), each as it was reproduced:
// every test here failed before the guarded reader, writer, escaper, sealed cache and the edition's
// footnote walk, and each names the guarantee of the README's Security section it holds.

afterAll(removeScratch);

const SECRET = 'CI_SECRET=hunter2';

const MANIFEST = `title: Hostile framework
status: draft
slug: hostile
languages: [en]
front: [introduction.md]
sections:
  - id: general
    title: General
`;

const practice = (title: string, body: string) => `---\ntitle: ${title}\nstatus: draft\n---\n\n${body}\n`;

/** A small framework in a fresh folder (`<root>/practices`), with `extra` files written over it. */
function framework(extra: Record<string, string> = {}): { root: string; folder: string } {
  const root = scratch();
  const folder = path.join(root, 'practices');
  const files: Record<string, string> = {
    'framework.yaml': MANIFEST,
    'introduction.md': '---\ntitle: Introduction\n---\n\nWhy these practices.\n',
    'general/trust.md': practice('Trust', 'Statement of trust.\n\nMore on trust, see [](#respond).'),
    'general/respond.md': practice('Respond', 'Statement on responding.'),
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return { root, folder };
}

/** A file outside the framework holding the secret. */
function secretOutside(root: string): string {
  const file = path.join(root, 'secret.txt');
  writeFileSync(file, `${SECRET}\n`);
  return file;
}

function everythingUnder(folder: string): string {
  if (!existsSync(folder)) return '';
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');
}

describe('hole 1: templates are read through the guarded reader and checked', () => {
  it('refuses template and message links out of the folder: check reports them, and no output or report holds the secret', async () => {
    const { root, folder } = framework();
    const secret = secretOutside(root);
    mkdirSync(path.join(folder, 'templates', 'html'), { recursive: true });
    mkdirSync(path.join(folder, 'templates', 'typst'), { recursive: true });
    mkdirSync(path.join(folder, 'templates', 'messages'), { recursive: true });
    symlinkSync(secret, path.join(folder, 'templates', 'html', 'style.css'));
    symlinkSync(secret, path.join(folder, 'templates', 'typst', 'framework.typ'));
    symlinkSync(secret, path.join(folder, 'templates', 'messages', 'en.json'));
    const check = await runCli(['check', folder, '--no-cache'], { env: { CI_SECRET: 'hunter2' } });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('templates/html/style.css\n  1:1  error    Unexpected template, which is a symbolic link to a file outside the framework folder; expected a regular file inside the framework folder (gctf\'s own template was used)  template-file');
    expect(check.stdout).toContain('templates/typst/framework.typ');
    expect(check.stdout).toContain('templates/messages/en.json');
    const out = path.join(root, 'dist');
    const build = await runCli(['build', folder, '--format', 'html,md', '--out', out, '--no-cache']);
    expect(build.code).toBe(1);
    expect(`${check.stdout}${check.stderr}${build.stdout}${build.stderr}${everythingUnder(out)}`).not.toContain('hunter2');
  });

  it('never hangs on a FIFO template, and reports it', async () => {
    const { folder } = framework();
    mkdirSync(path.join(folder, 'templates', 'html'), { recursive: true });
    const made = spawnSync('mkfifo', [path.join(folder, 'templates', 'html', 'style.css')]);
    if (made.error || made.status !== 0) return expect.soft(made.status, 'mkfifo is needed for this test').toBe(0);
    const check = await runCli(['check', folder, '--no-cache']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("Unexpected template, which is a FIFO (named pipe), not a regular file; expected a regular file inside the framework folder (gctf's own template was used)  template-file");
  });

  it('keeps a style sheet from closing <style>, even with the rule turned off', async () => {
    const { root, folder } = framework({
      'templates/html/style.css': 'body { color: black; }\n</style><script>alert(document.domain)</script><style>\n',
      'framework.yaml': `${MANIFEST}rules:\n  template-file: off\n`,
    });
    const out = path.join(root, 'dist');
    const build = await runCli(['build', folder, '--format', 'html', '--out', out, '--no-cache']);
    expect(build.code).toBe(0);
    const html = readFileSync(path.join(out, 'hostile.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('\\3C /style>\\3C script>');
    const checked = await runCli(['check', framework({ 'templates/html/style.css': 'a{}\n</style><script>x</script>\n' }).folder, '--no-cache']);
    expect(checked.stdout).toContain("2:1  error    Unexpected `</style` in the style sheet, which would end the page's <style> element; expected CSS only  template-file");
  });
});

describe('hole 2: every report is escaped for terminals and CI logs', () => {
  it('shows a file name holding a newline and a workflow command on one line, under GITHUB_ACTIONS too', async () => {
    const name = 'evil\n::error file=README.md,line=1::pwned\n::add-mask::x.md';
    const { folder } = framework({ [`general/${name}`]: practice('Evil', 'See [](#nowhere).') });
    for (const argv of [['check', folder, '--reporter', 'pretty', '--no-cache'], ['check', folder, '--reporter', 'github', '--no-cache'], ['build', folder, '--format', 'md', '--out', path.join(folder, '..', 'dist'), '--no-cache']]) {
      const run = await runCli(argv, { env: { GITHUB_ACTIONS: 'true' }, cwd: path.dirname(folder) });
      expect(run.code, argv.join(' ')).toBe(1);
      const lines = `${run.stdout}${run.stderr}`.split('\n');
      // The only workflow commands are the github reporter's own, one per finding, naming the file escaped.
      const commands = lines.filter((line) => /^\s*::/.test(line));
      for (const command of commands) expect(command).toMatch(/^::(error|warning) file=practices\/general\/evil\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Apwned\\n%3A%3Aadd-mask%3A%3Ax.md,/);
      if (argv[3] !== 'github') {
        expect(commands).toEqual([]);
        expect(run.stdout + run.stderr).toContain('general/evil\\n::error file=README.md,line=1::pwned\\n::add-mask::x.md');
      }
    }
  });

  it('never lets an escape sequence from a file name reach the terminal', async () => {
    const name = 'title\u001B]0;owned\u0007\u001B[2J.md';
    const { folder } = framework({ [`general/${name}`]: practice('Escape', 'See [](#nowhere).') });
    const run = await runCli(['check', folder, '--no-cache'], { isTTY: true });
    expect(run.code).toBe(1);
    // Colours (ESC [ digits m) are gctf's own on a terminal; nothing else starts with ESC.
    expect(run.stdout.replace(/\u001B\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(run.stdout).toContain('general/title\\e]0;owned\\u0007\\e[2J.md');
  });
});

describe('hole 3: draft text is never a replacement pattern', () => {
  it("writes a Word file LibreOffice can open from links and footnotes holding $&, $', $` and $1", async () => {
    const { root, folder } = framework({
      'general/trust.md': practice('Trust', "Statement [r](https://example.org/?q=$&p=2).[^1]\n\n[^1]: See [x](https://example.org/$'$`$1$$) and $& too."),
    });
    const out = path.join(root, 'dist');
    const build = await runCli(['build', folder, '--format', 'docx', '--out', out, '--no-cache']);
    expect(build.code).toBe(0);
    const bytes = readFileSync(path.join(out, 'hostile.docx'));
    await expectWellFormedDocx(bytes);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('word/_rels/document.xml.rels')!.async('string')).toContain('Target="https://example.org/?q=$&amp;p=2"');
    expect(await zip.file('word/footnotes.xml')!.async('string')).toContain('$&amp; too.');
  });

  it('has no String.replace in the sources whose replacement is a computed string', () => {
    const sources = readdirSync(path.join(import.meta.dirname, '..', 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
    const offenders: string[] = [];
    for (const entry of sources) {
      const file = path.join(entry.parentPath, entry.name);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // `.replace(x, \`…${…}…\`)` or `.replace(x, someVariable)`: `$&` in the value would be a pattern.
          if (/\.replace(?:All)?\([^()]*(?:\([^()]*\))?[^()]*,\s*(?:`[^`]*\$\{|[A-Za-z_][\w.]*\s*\))/.test(line)) offenders.push(`${path.relative(path.join(import.meta.dirname, '..'), file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});

describe('hole 4: one request never takes gctf serve down', () => {
  it('answers a request whose URL cannot be parsed with 400, and the next one as usual', async () => {
    const { folder } = framework();
    const io = captureIo(path.dirname(folder), {}, false);
    const controller = new AbortController();
    const running = serve({ dir: folder, port: 0, signal: controller.signal }, io);
    const deadline = Date.now() + 20_000;
    while (!/http:\/\/127\.0\.0\.1:(\d+)/.test(io.out) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const port = Number(/http:\/\/127\.0\.0\.1:(\d+)/.exec(io.out)?.[1]);
    const get = (rawPath: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: rawPath, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get('//x:99999/')).toBe(400);
      expect(await get('/')).toBe(200);
    } finally {
      controller.abort();
      await running;
    }
  });
});

describe('hole 6: footnotes get what the body gets', () => {
  it('drops raw HTML inside footnotes from md and JSON, resolves references there and numbers nested calls', async () => {
    const { root, folder } = framework({
      'general/trust.md': practice(
        'Trust',
        'Statement.[^a]\n\n[^a]: A note <script>alert(1)</script> with <img src=x onerror=alert(2)> and [](#respond), and a call.[^b]\n\n[^b]: The nested note, [bad](javascript:alert(3)).',
      ),
    });
    const out = path.join(root, 'dist');
    const build = await runCli(['build', folder, '--format', 'md,json,html', '--out', out, '--no-cache']);
    expect(build.code).toBe(0);
    const md = readFileSync(path.join(out, 'hostile.md'), 'utf8');
    const json = readFileSync(path.join(out, 'hostile.json'), 'utf8');
    const html = readFileSync(path.join(out, 'hostile.html'), 'utf8');
    for (const [name, text] of [['md', md], ['json', json]] as const) {
      expect(text, name).not.toMatch(/<script|onerror|javascript:/i);
    }
    // The reference in the footnote names its practice, in every format.
    expect(md).toContain('[^1]: A note alert(1) with  and [Good Practice 1](#good-practice-1-respond), and a call.[^2]');
    expect(md).toContain('[^2]: The nested note, bad.');
    expect(html).toMatch(/<a[^>]*href="#respond"[^>]*>Good\u00A0Practice\u00A01<\/a>/);
  });

  it('writes remote images as links and drops unsafe link schemes in md and JSON', async () => {
    const { root, folder } = framework({
      'general/trust.md': practice('Trust', 'Statement ![a chart](https://example.org/chart.png) and [x](javascript:alert(1)) and [y](data:text/html,hi) and [z](vbscript:x) and [w](file:///etc/passwd).'),
    });
    const out = path.join(root, 'dist');
    expect((await runCli(['build', folder, '--format', 'md,json,html', '--out', out, '--no-cache'])).code).toBe(0);
    for (const name of ['hostile.md', 'hostile.json', 'hostile.html']) {
      const text = readFileSync(path.join(out, name), 'utf8');
      expect(text, name).not.toMatch(/javascript:|data:text|vbscript:|file:\/\/|<img/i);
      expect(text, name).toContain('https://example.org/chart.png');
    }
    expect(readFileSync(path.join(out, 'hostile.md'), 'utf8')).toContain('[a chart](https://example.org/chart.png) and x and y and z and w.');
  });
});

describe('hole 7: a draft swapped for a link while gctf reads is never followed', () => {
  it('reads no outside file in 40 loads while another process swaps a draft and a link (bounded: 15 s)', async () => {
    const { root, folder } = framework();
    const secret = path.join(root, 'outside.md');
    writeFileSync(secret, practice(SECRET, `${SECRET} statement.`));
    const draft = path.join(folder, 'general', 'respond.md');
    const plain = path.join(root, 'plain.md');
    const link = path.join(root, 'link.md');
    writeFileSync(plain, readFileSync(draft));
    symlinkSync(secret, link);
    // The swapper renames a regular file and a link over the draft in turn, as fast as it can.
    const swapper = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs'); const end = Date.now() + 15000;
       const [draft, plain, link] = ${JSON.stringify([draft, plain, link])};
       while (Date.now() < end) {
         try { fs.copyFileSync(plain, draft + '.p'); fs.renameSync(draft + '.p', draft); } catch {}
         try { fs.rmSync(draft + '.l', { force: true }); fs.symlinkSync(fs.readlinkSync(link), draft + '.l'); fs.renameSync(draft + '.l', draft); } catch {}
       }`,
    ]);
    try {
      let loads = 0;
      const end = Date.now() + 15_000;
      while (loads < 40 && Date.now() < end) {
        const model = await loadFramework(folder);
        for (const d of model.drafts) expect(d.file.text, d.file.path).not.toContain(SECRET);
        loads++;
      }
      expect(loads).toBeGreaterThan(10);
    } finally {
      swapper.kill();
    }
  }, 30_000);
});

describe('hole 8: the cache is authenticated', () => {
  const withCache = async (folder: string, root: string) => {
    const cache = path.join(root, 'cache');
    const env = { GCTF_CACHE_DIR: cache };
    return { cache, env, files: () => readdirSync(cache) };
  };

  it('ignores an edited tree pack and emptied stored diagnostics', async () => {
    const { root, folder } = framework({ 'general/respond.md': practice('Respond', 'Statement, see [](#nowhere).') });
    const { cache, env, files } = await withCache(folder, root);
    const first = await runCli(['check', folder, '--reporter', 'json'], { env });
    expect(first.code).toBe(1);
    // Emptied diagnostics (the seal no longer holds): the broken draft is still reported.
    const result = files().find((f) => f.startsWith('check-')) as string;
    const sealed = readFileSync(path.join(cache, result));
    const header = 'gctf-sealed-1\n'.length + 32;
    const stored = JSON.parse(sealed.subarray(header).toString('utf8')) as { diagnostics: unknown[] };
    stored.diagnostics = [];
    writeFileSync(path.join(cache, result), Buffer.concat([sealed.subarray(0, header), Buffer.from(JSON.stringify(stored))]));
    expect(await runCli(['check', folder, '--reporter', 'json'], { env })).toEqual(first);
    // An edited tree pack: text injected into a tree never reaches an output.
    writeFileSync(path.join(folder, 'general', 'respond.md'), practice('Respond', 'Statement on responding.'));
    const out = path.join(root, 'dist');
    expect((await runCli(['build', folder, '--format', 'md', '--out', out], { env })).code).toBe(0);
    for (const pack of files().filter((f) => f.startsWith('trees-'))) {
      const bytes = readFileSync(path.join(cache, pack));
      writeFileSync(path.join(cache, pack), Buffer.from(bytes.toString('latin1').replace('Statement on responding', 'INJECTED TEXT HERE!!!!!'), 'latin1'));
    }
    expect((await runCli(['build', folder, '--format', 'md', '--out', out], { env })).code).toBe(0);
    expect(readFileSync(path.join(out, 'hostile.md'), 'utf8')).not.toContain('INJECTED');
  });

  it('refuses a cyclic tree even under a valid seal, without spinning or an internal error', async () => {
    const { root, folder } = framework();
    const { cache, env, files } = await withCache(folder, root);
    expect((await runCli(['check', folder], { env })).code).toBe(0);
    const secret = readFileSync(path.join(cache, 'secret.key'));
    for (const pack of files().filter((f) => f.startsWith('trees-'))) {
      const loop: Record<string, unknown> = { type: 'root', children: [] };
      (loop.children as unknown[]).push(loop);
      const entries = new Map<string, unknown>();
      // Every key of the real pack now maps to the cyclic tree.
      const header = 'gctf-sealed-1\n'.length + 32;
      const { deserialize } = await import('node:v8');
      for (const key of (deserialize(readFileSync(path.join(cache, pack)).subarray(header)) as Map<string, unknown>).keys()) entries.set(key, loop);
      const payload = serialize(entries);
      const mac = createHmac('sha256', secret).update(payload).digest();
      writeFileSync(path.join(cache, pack), Buffer.concat([Buffer.from('gctf-sealed-1\n'), mac, payload]));
    }
    writeFileSync(path.join(folder, 'introduction.md'), '---\ntitle: Introduction\n---\n\nWhy these practices, again.\n');
    const run = await runCli(['check', folder], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('does not trust a secret that others can read (as a checked-out file would be)', async () => {
    const { root, folder } = framework({ 'general/respond.md': practice('Respond', 'See [](#nowhere).') });
    const { cache, env } = await withCache(folder, root);
    expect((await runCli(['check', folder], { env })).code).toBe(1);
    spawnSync('chmod', ['644', path.join(cache, 'secret.key')]);
    rmSync(path.join(folder, 'general', 'respond.md'));
    renameSync(path.join(folder, 'general', 'trust.md'), path.join(folder, 'general', 'trust2.md'));
    writeFileSync(path.join(folder, 'general', 'trust2.md'), practice('Trust', 'Statement.'));
    const run = await runCli(['check', folder], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no problems');
  });
});

describe('hole 9: gctf init never writes through a link', () => {
  it('refuses a .gitignore that is a symbolic link, and leaves its target as it was', async () => {
    const root = scratch();
    const target = path.join(root, 'elsewhere');
    writeFileSync(target, 'keep me\n');
    const project = path.join(root, 'project');
    mkdirSync(project);
    symlinkSync(target, path.join(project, '.gitignore'));
    const run = await runCli(['init', project], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gctf: Cannot update project\/\.gitignore: it is a symbolic link to a file outside the framework folder; expected a regular file \(or none\)\n$/);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
  });

  it('never writes an output through a link in --out', async () => {
    const { root, folder } = framework();
    const out = path.join(root, 'dist');
    mkdirSync(out);
    const target = path.join(root, 'victim.txt');
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, path.join(out, 'hostile.md'));
    const run = await runCli(['build', folder, '--format', 'md', '--out', out, '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('hostile.md is a symbolic link; gctf never writes through a link');
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    unlinkSync(path.join(out, 'hostile.md'));
  });
});

describe('smaller holes', () => {
  it('reports FIFO drafts and file names that are not UTF-8 instead of skipping them', async () => {
    const { folder } = framework();
    const fifo = spawnSync('mkfifo', [path.join(folder, 'general', 'pipe.md')]);
    if (fifo.error || fifo.status !== 0) return expect.soft(fifo.status, 'mkfifo is needed for this test').toBe(0);
    writeFileSync(Buffer.concat([Buffer.from(path.join(folder, 'general') + '/bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]), practice('Bad', 'Statement.'));
    const run = await runCli(['check', folder, '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('general/pipe.md\n  1:1  error    ');
    expect(run.stdout).toContain('is a FIFO (named pipe), not a regular file');
    expect(run.stdout).toContain('general/bad-\uFFFD\uFFFD.md\n  1:1  error    Unexpected file, which has a name that is not valid UTF-8 (shown with U+FFFD); expected a file name in UTF-8 (it was not read)  unsafe-path');
  });

  it('reports ---constructor frontmatter as another language, and percent-encodes # and ? in SARIF uris', async () => {
    const { folder } = framework({
      'general/respond.md': '---constructor\ntitle: Respond\nstatus: draft\n---\n\nStatement.\n',
      'general/a#b?c.md': practice('Odd name', 'Statement, see [](#nowhere).'),
    });
    const pretty = await runCli(['check', folder, '--no-cache']);
    expect(pretty.stdout).toContain('general/respond.md\n  1:1  error    Unexpected `---constructor` frontmatter: only YAML frontmatter is read (`---`); other languages are never evaluated  frontmatter-syntax');
    const sarif = JSON.parse((await runCli(['check', folder, '--no-cache', '--reporter', 'sarif'], { cwd: folder })).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('general/a%23b%3Fc.md');
    expect(uris.filter((uri) => /[#?]/.test(uri))).toEqual([]);
  });

  it('says what is in the way of --out, with exit 2, never an internal error', async () => {
    const { root, folder } = framework();
    const out = path.join(root, 'dist');
    mkdirSync(out);
    const file = path.join(out, 'hostile.md');
    writeFileSync(file, '');
    const again = await runCli(['build', folder, '--format', 'md', '--out', path.join(file, 'sub'), '--no-cache']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is a file, not a folder; expected a folder to write into');
    expect(again.stderr).not.toContain('internal error');
  });
});
