import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import typst from '@myriaddreamin/typst-ts-node-compiler';

type NodeCompiler = InstanceType<typeof typst.NodeCompiler>;

/** The font files every PDF is set in, by npm package: the only fonts a build may choose. */
const FONT_FILES: Readonly<Record<string, readonly string[]>> = {
  '@expo-google-fonts/noto-serif': [
    '400Regular/NotoSerif_400Regular.ttf',
    '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
    '600SemiBold/NotoSerif_600SemiBold.ttf',
    '600SemiBold_Italic/NotoSerif_600SemiBold_Italic.ttf',
    '700Bold/NotoSerif_700Bold.ttf',
    '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
  ],
  '@expo-google-fonts/noto-naskh-arabic': [
    '400Regular/NotoNaskhArabic_400Regular.ttf',
    '600SemiBold/NotoNaskhArabic_600SemiBold.ttf',
    '700Bold/NotoNaskhArabic_700Bold.ttf',
  ],
};

/** One problem Typst reported, with a 1-based place when it has one. */
export interface TypstDiagnostic {
  readonly message: string;
  /** The file it is in, relative to the compile's root (`main.typ`, `edition.json`), if any. */
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** The outcome of one compile: the PDF's bytes, or Typst's errors. */
export type TypstResult = { readonly pdf: Uint8Array } | { readonly errors: readonly TypstDiagnostic[] };

/** What Typst's diagnostics look like (`fetchDiagnostics` returns them untyped). */
interface RawDiagnostic {
  message?: unknown;
  path?: unknown;
  severity?: unknown;
  range?: { start?: { line?: unknown; character?: unknown } } | null;
}

/** The template's file name inside the compile's root. */
export const MAIN_FILE = 'main.typ';
/** The data's file name inside the compile's root: what the template reads with `json()`. */
export const DATA_FILE = 'edition.json';

let shared: { compiler: NodeCompiler; root: string } | undefined;

/**
 * The compiler, created once per process: loading fonts is the slow part.
 *
 * Its root is a folder that does not exist, named at random: Typst reads files only under its
 * root, so the only files a template can see are the two shadow files mapped in memory below.
 * Fonts are given as bytes from the npm packages. typst-ts-node-compiler 0.7 has no switch to stop
 * it from also indexing the system's fonts; the template names only the bundled families with
 * `fallback: false`, so a system font is never chosen (the tests check the PDF's font list).
 */
function compiler(): { compiler: NodeCompiler; root: string } {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const fontBlobs = Object.entries(FONT_FILES).flatMap(([pkg, files]) => {
    const folder = path.dirname(require.resolve(`${pkg}/package.json`));
    return files.map((file) => readFileSync(path.join(folder, file)));
  });
  const root = path.join(tmpdir(), `gctf-typst-${randomUUID()}`);
  shared = { compiler: typst.NodeCompiler.create({ workspace: root, fontArgs: [{ fontBlobs }] }), root };
  return shared;
}

/**
 * Compiles `template` (Typst source) with `data` beside it as `edition.json`, to PDF bytes that
 * declare `standard` (`ua-1`, `a-2b`, …, or undefined for none); Typst refuses to write a PDF that
 * breaks the standard, and says why in its errors.
 */
export function compileTypst(template: string, data: string, standard: string | undefined): TypstResult {
  const { compiler: typstCompiler, root } = compiler();
  const main = path.join(root, MAIN_FILE);
  typstCompiler.resetShadow();
  typstCompiler.mapShadow(main, Buffer.from(template, 'utf8'));
  typstCompiler.mapShadow(path.join(root, DATA_FILE), Buffer.from(data, 'utf8'));
  try {
    const result = typstCompiler.compile({ mainFilePath: main });
    const document = result.result;
    if (!document || result.hasError()) {
      const error = result.takeError();
      const raw: unknown[] = error ? typstCompiler.fetchDiagnostics(error) : [];
      const errors = raw.map((d) => diagnostic(d as RawDiagnostic, root)).filter((d) => d.message !== '');
      return { errors: errors.length > 0 ? errors : [{ message: 'Typst reported an error without a message', file: undefined, line: undefined, column: undefined }] };
    }
    // What the layout memoized is dropped before the export, which then reuses that memory: the
    // export of a 10,000-page PDF needs some 650 MB more otherwise. The document itself is kept.
    typstCompiler.evictCache(0);
    // The export checks the standard: its errors are thrown, with Typst's diagnostics in the message.
    let bytes: Buffer;
    try {
      bytes = typstCompiler.pdf(document, standard === undefined ? {} : { pdfStandard: standard });
    } catch (error) {
      return { errors: exportErrors((error as Error).message) };
    }
    // The bytes as they are, not a copy: for a large edition the PDF is tens of megabytes.
    return { pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } finally {
    typstCompiler.resetShadow();
    // Nothing memoized is kept between editions: each is in another language, and shares little.
    typstCompiler.evictCache(0);
  }
}

/**
 * The errors of a failed export: typst-ts throws them as one message listing each diagnostic
 * (`message: "PDF/UA-1 error: …", …, hints: ["…"]`), without places.
 */
function exportErrors(text: string): TypstDiagnostic[] {
  const errors = [...text.matchAll(/message: "((?:[^"\\]|\\.)*)"(?:, trace: \[[^\]]*\])?(?:, hints: \[((?:"(?:[^"\\]|\\.)*",? ?)*)\])?/g)].map((match) => {
    const hints = [...(match[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((hint) => hint[1]);
    const message = [match[1], ...hints].join('; ');
    return { message, file: undefined, line: undefined, column: undefined };
  });
  const unique = [...new Map(errors.map((e) => [e.message, e])).values()];
  return unique.length > 0 ? unique : [{ message: text, file: undefined, line: undefined, column: undefined }];
}

function diagnostic(raw: RawDiagnostic, root: string): TypstDiagnostic {
  const file = typeof raw.path === 'string' && raw.path !== '' ? path.relative(root, raw.path) : undefined;
  const start = raw.range?.start;
  const line = typeof start?.line === 'number' ? start.line + 1 : undefined;
  const column = typeof start?.character === 'number' ? start.character + 1 : undefined;
  return { message: typeof raw.message === 'string' ? raw.message : '', file, line, column };
}
