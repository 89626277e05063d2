import { checkModel } from '../check/check-model.js';
import { printable } from '../report/escape.js';
import type { Io } from '../io.js';
import { reportErrors } from '../report/terminal.js';
import { loadFramework } from '../engine/pipeline.js';
import { pick } from '../model/build-model.js';
import type { FrameworkModel } from '../model/types.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';

export interface ListOptions {
  readonly dir?: string;
  readonly json?: boolean;
}

/** One row of `gctf list`. */
export interface ListRow {
  readonly number: number;
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly section: string;
  readonly languages: readonly string[];
  readonly file: string;
}

/** The numbered practices, in document order, with the languages each is present in. */
export function listRows(model: FrameworkModel): ListRow[] {
  return model.practices.map((p) => ({
    number: p.number ?? 0,
    id: p.id,
    title: p.title,
    status: p.status,
    section: p.section,
    languages: [model.metadata.language, ...p.translations.keys()],
    file: p.draft.file.path,
  }));
}

/** `gctf list`: a table of the numbered practices, or `--json` for scripts. */
export async function list(options: ListOptions, io: Io): Promise<number> {
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir));
  const rows = listRows(model);
  // The table shows what would be built; errors in the drafts still fail the command.
  const result = checkModel(model);
  const status = reportErrors(result, io, model.folder) ? 1 : 0;
  if (options.json) {
    io.stdout(`${JSON.stringify({ practices: rows }, null, 2)}\n`);
    return status;
  }
  const sectionLabel = new Map(
    model.sections.map((s) => [s.id, `${s.numeral}. ${pick(s.title, model.metadata.language, model.metadata.language)}`]),
  );
  const table = [
    ['#', 'id', 'title', 'status', 'section', 'languages'],
    ...rows.map((r) => [String(r.number), r.id, r.title, r.status, sectionLabel.get(r.section) ?? r.section, r.languages.join(',')].map(printable)),
  ];
  const widths = table[0]?.map((_, i) => Math.min(i === 2 ? 60 : 40, Math.max(...table.map((row) => (row[i] ?? '').length)))) ?? [];
  const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  const lines = table.map((row, r) =>
    row
      .map((cell, i) => (i === 0 && r > 0 ? cell.padStart(widths[i] ?? 0) : fit(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const sections = new Set(rows.map((r) => r.section)).size;
  lines.push('', `${rows.length} numbered practices in ${sections} sections` + (model.withdrawn.length ? `, ${model.withdrawn.length} withdrawn` : ''));
  io.stdout(`${lines.join('\n')}\n`);
  return status;
}
