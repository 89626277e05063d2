// The failing and passing example of each rule, read from its test fixtures
// (test/fixtures/rules/<id>/{fail,pass}/ and fail.expected), for the rule pages in docs/rules/.
// Shared by `npm run docs` and the test that fails when the pages are stale.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = new URL('../test/fixtures/rules/', import.meta.url);

/** Every file of a folder, relative, sorted, forward slashes. */
function filesOf(folder, prefix = '') {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? filesOf(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}

/**
 * `{ fail: { file, bytes, findings }, pass: { file, bytes } }` for rule `id`, or undefined when it
 * has no fixtures. The failing file is the one its first expected finding names; the passing one
 * is the file of the same path in pass/, else the first draft beside it, else framework.yaml.
 */
export function ruleExample(id) {
  const root = new URL(`${id}/`, FIXTURES);
  const expectedFile = new URL('fail.expected', root);
  if (!existsSync(expectedFile)) return undefined;
  const lines = readFileSync(expectedFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const own = lines.filter((l) => l.split(' ')[1] === id);
  const file = (own[0] ?? lines[0] ?? '').split(':')[0];
  if (!file) return undefined;
  const failFolder = new URL('fail/', root).pathname;
  const passFolder = new URL('pass/', root).pathname;
  const passFiles = filesOf(passFolder);
  const dir = path.posix.dirname(file);
  const passFile = passFiles.includes(file)
    ? file
    : (passFiles.find((f) => f.endsWith('.md') && path.posix.dirname(f) === dir) ?? passFiles.find((f) => f.endsWith('.md')) ?? 'framework.yaml');
  return {
    fail: { file, bytes: readFileSync(path.join(failFolder, file)), findings: lines.filter((l) => l.startsWith(`${file}:`)) },
    pass: { file: passFile, bytes: readFileSync(path.join(passFolder, passFile)) },
  };
}
