import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readInside } from '../read/read-inside.js';
import { WriteError, writeInside } from '../write/write-inside.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { MANIFEST_NAME } from '../read/find-framework-folder.js';
import { BUILTIN_TEMPLATES } from '../read/read-templates.js';

export interface InitOptions {
  /** Where to start the project; default the working folder. */
  readonly dir?: string;
}

/** The files `init` writes, from `templates/init/`, and where each goes in the project. */
const FILES: readonly { readonly template: string; readonly target: string }[] = [
  { template: 'practices/framework.yaml', target: 'practices/framework.yaml' },
  { template: 'practices/introduction.md', target: 'practices/introduction.md' },
  { template: 'practices/general/one-practice-per-file.md', target: 'practices/general/one-practice-per-file.md' },
];

// npm leaves `.gitignore` files out of packages, so the template is named without its dot.
const GITIGNORE = { template: 'gitignore', target: '.gitignore' };

/**
 * `gctf init`: starts a framework project in `dir` — `.gitignore` and a framework folder
 * `practices/` with a commented manifest, an introduction and one example practice — which
 * `gctf check` passes and `gctf build` builds at once. Refuses to touch an existing project.
 */
export async function init(options: InitOptions, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, options.dir ?? '.');
  const shown = (target: string) => path.relative(io.cwd, path.join(root, target)) || '.';
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new ExitError(2, `Cannot start a project in ${shown('')}: it is a file, expected a folder (or a path that does not exist yet)`);
  }
  const existing = [MANIFEST_NAME, 'practices'].filter((name) => {
    const target = path.join(root, name);
    return existsSync(target) && !(statSync(target).isDirectory() && readdirSync(target).length === 0);
  });
  if (existing.length > 0) {
    throw new ExitError(2, `Refusing to start a project in ${shown('')}: ${existing.map((name) => shown(name)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; expected a folder without a framework (use another folder, or gctf check to check this one)`);
  }

  const source = path.join(BUILTIN_TEMPLATES, 'init');
  const created: string[] = [];
  const write = (target: string, content: Uint8Array | string, exclusive: boolean) => {
    try {
      writeInside(root, target, content, { exclusive });
    } catch (error) {
      if (error instanceof WriteError) throw new ExitError(2, `Cannot start a project in ${shown('')}: ${error.message}`);
      throw error;
    }
  };
  for (const file of FILES) {
    write(file.target, readFileSync(path.join(source, file.template)), true);
    created.push(`created  ${shown(file.target)}`);
  }
  // The existing `.gitignore` is read and replaced through the guarded reader and writer: one
  // that is a symbolic link is refused, never appended to through the link.
  const ignore = readInside(root, GITIGNORE.target);
  if (!ignore.ok && ignore.kind === 'missing') {
    write(GITIGNORE.target, readFileSync(path.join(source, GITIGNORE.template)), true);
    created.push(`created  ${shown(GITIGNORE.target)}`);
  } else if (!ignore.ok) {
    throw new ExitError(2, `Cannot update ${shown(GITIGNORE.target)}: it ${ignore.problem}; expected a regular file (or none)`);
  } else {
    const text = new TextDecoder().decode(ignore.bytes);
    if (!/^\/?dist\/?$/m.test(text)) {
      write(GITIGNORE.target, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}# gctf build output\ndist/\n`, false);
      created.push(`updated  ${shown(GITIGNORE.target)} (added dist/)`);
    }
  }

  const cd = path.relative(io.cwd, root);
  const next = [
    ...(cd ? [`  cd ${/\s/.test(cd) ? JSON.stringify(cd) : cd}`] : []),
    '  gctf check                                        check every draft',
    '  gctf new "Title of a practice" --section general  start another practice',
    '  gctf serve                                        see the document in a browser as you write',
    '  gctf build                                        write every format into dist/',
  ];
  io.stdout(`${created.join('\n')}\n\nA new framework project. Next:\n${next.join('\n')}\n`);
  return 0;
}
