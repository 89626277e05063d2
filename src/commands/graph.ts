import path from 'node:path';
import { printable } from '../report/escape.js';
import { ExitError } from '../errors.js';
import { practiceGraph } from '../graph/practice-graph.js';
import { toSvg } from '../graph/svg.js';
import { toDot, toMermaid } from '../graph/text-formats.js';
import type { Io } from '../io.js';
import { loadFramework } from '../engine/pipeline.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { writeInside } from '../write/write-inside.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  /** Default `mermaid`. */
  readonly format?: GraphFormat;
  /** A file to write, relative to the working folder; default standard output. */
  readonly out?: string;
}

/**
 * `gctf graph`: the cross-reference graph of the numbered practices — `N. Title` nodes grouped by
 * section, an edge for each `[](#id)` reference and (dashed) each `related` entry — as Mermaid,
 * Graphviz DOT, or an SVG image laid out without external tools.
 */
export async function graph(options: GraphOptions, io: Io): Promise<number> {
  const format = options.format ?? 'mermaid';
  if (!GRAPH_FORMATS.includes(format)) throw new ExitError(2, `Unknown graph format "${String(format)}", expected ${GRAPH_FORMATS.join(', ')}`);
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir));
  const data = practiceGraph(model);
  const text = format === 'svg' ? toSvg(data) : format === 'dot' ? toDot(data) : toMermaid(data);
  if (options.out === undefined || options.out === '-') {
    io.stdout(text);
    return 0;
  }
  const target = path.resolve(io.cwd, options.out);
  try {
    writeInside(path.dirname(target), path.basename(target), text);
  } catch (error) {
    throw new ExitError(2, `Cannot write ${options.out}: ${(error as Error).message}`);
  }
  const edges = data.edges.length;
  io.stderr(`wrote ${printable(path.relative(io.cwd, target) || target)}: ${model.practices.length} practices, ${edges} reference${edges === 1 ? '' : 's'}\n`);
  return 0;
}
