import type { Rule } from './rule.js';
import { code } from './util.js';

const REASONS = {
  absolute: 'is absolute',
  outside: 'leads out of the framework folder',
  'symlink-outside': 'is a symbolic link to a file outside the framework folder',
  'symlink-folder-outside': 'is a symbolic link to a folder outside the framework folder',
  'name-not-utf8': 'has a name that is not valid UTF-8 (shown with U+FFFD)',
} as const;

/** Paths and links that would read outside the framework folder, and unsafe slugs or ids. */
export const unsafePath: Rule = {
  id: 'unsafe-path',
  description: 'Every path must stay inside the framework folder; no file outside it is ever read.',
  check(model, report) {
    const manifest = model.manifest;
    for (const refused of model.files.refused) {
      if (!(refused.reason in REASONS)) continue;
      const reason = REASONS[refused.reason as keyof typeof REASONS];
      const expected = 'expected a path inside the framework folder (it was not read)';
      if (refused.key) {
        const place = manifest.yaml.valueSpan(refused.key) ?? { line: 1, column: 1 };
        report({ file: manifest.file.path, place, message: `Unexpected path ${code(refused.path)} in \`${refused.key[0]}\`, which ${reason}; ${expected}` });
      } else if (refused.reason === 'symlink-folder-outside') {
        report({ file: `${refused.path}/`, place: { line: 1, column: 1 }, message: `Unexpected folder, which ${reason}; expected a folder inside the framework folder (it was not read)` });
      } else {
        const wanted = refused.reason === 'name-not-utf8' ? 'expected a file name in UTF-8 (it was not read)' : expected;
        report({ file: refused.path, place: { line: 1, column: 1 }, message: `Unexpected file, which ${reason}; ${wanted}` });
      }
    }
    const slug = manifest.data.slug;
    if (typeof slug === 'string' && /[/\\]|\.\./.test(slug)) {
      const place = manifest.yaml.valueSpan(['slug']) ?? { line: 1, column: 1 };
      report({ file: manifest.file.path, place, message: `Unexpected slug ${code(slug)} that names a path, expected a file stem like \`homegrown-terrorism\`` });
    }
    const sections = manifest.data.sections;
    if (Array.isArray(sections)) {
      sections.forEach((entry, i) => {
        const id = (entry as Record<string, unknown> | null)?.id;
        if (typeof id === 'string' && /[/\\]|\.\./.test(id)) {
          const place = manifest.yaml.valueSpan(['sections', i, 'id']) ?? { line: 1, column: 1 };
          report({ file: manifest.file.path, place, message: `Unexpected section id ${code(id)} that names a path, expected a folder name like \`prevention\`` });
        }
      });
    }
  },
};
