import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ExitError } from './errors.js';
import { buildModel, readMetadata, readSectionList } from './model/build-model.js';
import { manifestFields, read } from './model/schema.js';
import type { Draft, FrameworkModel, Manifest, ModelOptions } from './model/types.js';
import { parseDraft } from './parse/parse-draft.js';
import { parseYaml } from './parse/parse-yaml.js';
import { MANIFEST_NAME } from './read/find-framework-folder.js';
import { readFramework, readManifestFile } from './read/read-framework.js';

/**
 * Reads, parses and resolves a framework folder into its document model. Content problems never
 * throw: they are in the model for the rules to report. Only a folder that is no framework at all
 * stops here, as an `ExitError` with exit code 2.
 */
export async function loadFramework(folder: string, options: ModelOptions = {}): Promise<FrameworkModel> {
  const file = readManifestFile(folder);
  if (!file) {
    const what = existsSync(folder) && statSync(folder).isDirectory() ? `holds no ${MANIFEST_NAME}` : 'does not exist';
    throw new ExitError(
      2,
      `No framework folder: ${folder} ${what}. Name a folder holding ${MANIFEST_NAME} (gctf check <dir>), or start one with gctf init.`,
    );
  }
  const yaml = parseYaml(file.text, 1);
  const value = yaml.value;
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const manifest: Manifest = { file, yaml, data };

  const metadata = readMetadata(manifest);
  const listOf = (key: 'front' | 'back') => {
    const v = read<string | string[]>(data, key, manifestFields[key]);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const files = readFramework(folder, {
    sectionIds: readSectionList(manifest, metadata.language)
      .map((s) => s.id)
      .filter((id) => !/[/\\]|\.\./.test(id)),
    front: listOf('front'),
    back: listOf('back'),
    languages: metadata.languages,
  });

  const drafts: Draft[] = files.drafts.map((entry) => ({
    ...parseDraft(entry.source),
    role: entry.role,
    section: entry.section,
    stem: entry.stem,
    lang: entry.lang,
  }));
  const { refused, unknownFolders, unlistedLanguages } = files;
  return buildModel(path.resolve(folder), manifest, drafts, { refused, unknownFolders, unlistedLanguages }, options);
}
