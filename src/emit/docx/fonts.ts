import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Document } from 'docx';

/**
 * The faces the Word file embeds, from the same npm packages as the PDF's fonts (gctf's own
 * files, found by Node's module resolution), so that the Word file looks like the PDF on a
 * machine without them. Word has four slots a family (regular, bold, italic, bold italic).
 */
const FAMILIES = [
  {
    name: 'Noto Serif',
    pkg: '@expo-google-fonts/noto-serif',
    faces: {
      data: '400Regular/NotoSerif_400Regular.ttf',
      bold: '700Bold/NotoSerif_700Bold.ttf',
      italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
      boldItalic: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
    },
  },
  {
    name: 'Noto Naskh Arabic',
    pkg: '@expo-google-fonts/noto-naskh-arabic',
    // Naskh has no italic: Word slants the regular face, as the PDF does.
    faces: { data: '400Regular/NotoNaskhArabic_400Regular.ttf', bold: '700Bold/NotoNaskhArabic_700Bold.ttf' },
  },
] as const;

/** The embeddable families by name. */
export const EMBEDDED_FAMILIES: readonly string[] = FAMILIES.map((family) => family.name);

type FontOptions = NonNullable<ConstructorParameters<typeof Document>[0]['fonts']>[number];

const cache = new Map<string, Buffer>();

function face(pkg: string, file: string): Buffer {
  const key = `${pkg}/${file}`;
  let bytes = cache.get(key);
  if (bytes === undefined) {
    const folder = path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    bytes = readFileSync(path.join(folder, file));
    cache.set(key, bytes);
  }
  return bytes;
}

/**
 * docx's `fonts` for the families among `wanted` (names as the style sheet gives them): the Word
 * file then carries them in `word/fonts/`, obfuscated as ECMA-376 Part 2 §11.1 requires.
 */
export function embeddedFonts(wanted: ReadonlySet<string>): FontOptions[] {
  return FAMILIES.filter((family) => wanted.has(family.name)).map((family) => {
    const faces: Partial<Record<'data' | 'bold' | 'italic' | 'boldItalic', string>> = family.faces;
    const of = (file: string | undefined) => (file === undefined ? undefined : face(family.pkg, file));
    return { name: family.name, data: face(family.pkg, family.faces.data), bold: of(faces.bold), italic: of(faces.italic), boldItalic: of(faces.boldItalic) };
  });
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/**
 * The families a Word file embeds: those its style sheet names that gctf carries, Noto Naskh
 * Arabic only for a right-to-left document or one with Arabic letters in `texts`.
 */
export function familiesToEmbed(styles: string, rtl: boolean, texts: readonly string[]): Set<string> {
  const families = namedFamilies(styles);
  if (!rtl && !texts.some((text) => ARABIC_LETTER.test(text))) families.delete('Noto Naskh Arabic');
  return families;
}

/** The families a style sheet or document names in `w:rFonts`. */
export function namedFamilies(...xml: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const part of xml) for (const match of part.matchAll(/<w:rFonts\b([^>]*)\/>/g)) for (const value of (match[1] ?? '').matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]*)"/g)) names.add(value[1] ?? '');
  return names;
}

/**
 * docx obfuscates each embedded face with a random key: every key becomes one derived from the
 * face's own bytes, and the face is obfuscated again with it, so that two builds are
 * byte-identical. Obfuscation XORs the first 32 bytes with the key's bytes, reversed.
 */
export function stableFontKeys(parts: Map<string, string | Uint8Array>): void {
  const table = parts.get('word/fontTable.xml');
  const rels = parts.get('word/_rels/fontTable.xml.rels');
  if (typeof table !== 'string' || typeof rels !== 'string') return;
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const updated = table.replace(/(<w:embed\w+\b[^>]*\br:id="([^"]*)"[^>]*\bw:fontKey=")\{([0-9A-Fa-f-]{36})\}(")/g, (whole, before: string, id: string, key: string, after: string) => {
    const name = `word/${targets.get(id) ?? ''}`;
    const bytes = parts.get(name);
    if (!(bytes instanceof Uint8Array)) return whole;
    const plain = xorKey(bytes, key);
    const hex = createHash('sha256').update(plain).digest('hex').slice(0, 32).toUpperCase();
    const fresh = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    parts.set(name, xorKey(plain, fresh));
    return `${before}{${fresh}}${after}`;
  });
  parts.set('word/fontTable.xml', updated);
}

function xorKey(bytes: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/-/g, '');
  const keyBytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse();
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = (out[i] ?? 0) ^ (keyBytes[i % 16] ?? 0);
  return out;
}
