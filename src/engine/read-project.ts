import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { readMetadata, readSectionList } from '../model/build-model.js';
import { buildFields, manifestFields, read } from '../model/fields.js';
import type { Manifest } from '../model/types.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { MANIFEST_NAME } from '../read/find-framework-folder.js';
import { readFramework, readManifestFile, type FrameworkFiles, type ManifestLayout } from '../read/read-framework.js';
import type { SourceFile } from '../read/source-file.js';
import { readTemplates, type Templates } from '../read/read-templates.js';

/** A framework folder, read: its manifest and every draft file, nothing parsed but the manifest. */
export interface Project {
  readonly folder: string;
  readonly manifest: Manifest;
  readonly files: FrameworkFiles;
  readonly templates: Templates;
}

/**
 * Reads a framework folder: the manifest (parsed, since it says what else to read) and every draft
 * file it calls for. Only a folder that is no framework at all stops here, as a `UsageError`; every content problem is left for the rules.
 */
export function readProject(folder: string): Project {
  const absolute = path.resolve(folder);
  const file = readManifestFile(absolute);
  if (!file) {
    const what = existsSync(absolute) && statSync(absolute).isDirectory() ? `holds no ${MANIFEST_NAME}` : 'does not exist';
    throw new UsageError(`No framework folder: ${absolute} ${what}. Name a folder holding ${MANIFEST_NAME} (gctf check <dir>), or start one with gctf init.`,
    );
  }
  const { manifest, layout } = parseManifest(file);
  const files = readFramework(absolute, layout);
  return { folder: absolute, manifest, files, templates: readTemplates(absolute, layout.languages) };
}

/**
 * The manifest file parsed, and the layout it gives: what to read. One account for a folder on
 * disk (`readProject`) and for a git revision held in memory (`gctf diff`).
 */
export function parseManifest(file: SourceFile): { manifest: Manifest; layout: ManifestLayout } {
  const yaml = parseYaml(file.text, 1);
  const value = yaml.value;
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const manifest: Manifest = { file, yaml, data };
  const metadata = readMetadata(manifest);
  const listOf = (key: 'front' | 'back') => {
    const v = read<string | string[]>(data, key, manifestFields[key]);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const layout: ManifestLayout = {
    sectionIds: readSectionList(manifest, metadata.language)
      .map((s) => s.id)
      .filter((id) => !/[/\\]|\.\./.test(id)),
    front: listOf('front'),
    back: listOf('back'),
    languages: metadata.languages,
  };
  return { manifest, layout };
}


/** What `build:` in `framework.yaml` sets: defaults for `gctf build`, which its flags override. */
export interface BuildSettings {
  /** The output folder, absolute (given relative to the framework folder). */
  readonly out?: string;
  readonly formats?: readonly string[];
  readonly languages?: readonly string[];
}

/**
 * Reads only the manifest's `build:` settings, before the drafts are read, so that a build can
 * start loading its emitters at once. Values that do not fit are left out (the `manifest-schema`
 * rule reports them); a folder without a manifest has none.
 */
export function readBuildSettings(folder: string): BuildSettings {
  const absolute = path.resolve(folder);
  const file = readManifestFile(absolute);
  if (!file) return {};
  const value = parseYaml(file.text, 1).value;
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const build = read<Record<string, unknown>>(data, 'build', manifestFields.build);
  if (!build) return {};
  const out = read<string>(build, 'out', buildFields.out);
  return {
    out: out === undefined ? undefined : path.resolve(absolute, out),
    formats: read<string[]>(build, 'formats', buildFields.formats),
    languages: read<string[]>(build, 'languages', buildFields.languages),
  };
}
