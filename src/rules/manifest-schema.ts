import { buildFields, closest, manifestFields, numberingFields, RULE_LEVELS, sectionFields, type Field } from '../model/fields.js';
import type { Manifest } from '../model/types.js';
import type { Finding, Rule } from './rule.js';
import { code } from './util.js';

const START = { line: 1, column: 1 };

/** `framework.yaml`: YAML syntax, required keys, types, unknown keys, sections, rule levels. */
export const manifestSchema: Rule = {
  id: 'manifest-schema',
  description: '`framework.yaml` must be valid YAML with `title` and `sections`, and known keys holding the documented values.',
  check(model, report, context) {
    const manifest = model.manifest;
    const file = manifest.file.path;
    const { yaml } = manifest;
    for (const error of yaml.errors) report({ file, place: error.place, message: `Unexpected YAML: ${error.message}` });
    if (yaml.errors.length > 0) return;
    if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
      report({ file, place: START, message: `Unexpected ${Array.isArray(yaml.value) ? 'list' : 'content'} in framework.yaml, expected a mapping with \`title\` and \`sections\`` });
      return;
    }
    checkFields(manifest, [], manifest.data, manifestFields, report);
    const numbering = manifest.data.numbering;
    if (numberingFields && isRecord(numbering)) checkFields(manifest, ['numbering'], numbering, numberingFields, report);
    const build = manifest.data.build;
    if (isRecord(build)) {
      checkFields(manifest, ['build'], build, buildFields, report);
      const languages = model.metadata.languages;
      if (Array.isArray(build.languages) && buildFields.languages?.type.test(build.languages)) {
        build.languages.forEach((lang, i) => {
          if (!languages.includes(lang as string)) report({ file, place: span(manifest, ['build', 'languages', i]), message: `Unexpected language ${code(lang)} in \`build.languages\`, expected one of \`languages\` (${languages.join(', ')})` });
        });
      }
    }

    const sections = manifest.data.sections;
    if (Array.isArray(sections)) {
      if (sections.length === 0) report({ file, place: span(manifest, ['sections']), message: 'Unexpected empty `sections`, expected at least one `- id: … title: …` entry' });
      sections.forEach((entry, i) => {
        if (isRecord(entry)) checkFields(manifest, ['sections', i], entry, sectionFields, report);
        else report({ file, place: span(manifest, ['sections', i]), message: `Unexpected ${code(entry)} in \`sections\`, expected a mapping with \`id\` and \`title\`` });
      });
    }

    const rules = manifest.data.rules;
    if (isRecord(rules)) {
      const known = new Set(context.ruleIds);
      for (const [id, level] of Object.entries(rules)) {
        if (!known.has(id)) {
          const hint = closest(id, known);
          report({ file, place: keySpan(manifest, ['rules', id]), message: `Unexpected rule ${code(id)}, ${hint ? `did you mean \`${hint}\`?` : 'expected a rule id listed by `gctf rules`'}` });
        } else if (!RULE_LEVELS.includes(level as (typeof RULE_LEVELS)[number])) {
          report({ file, place: span(manifest, ['rules', id]), message: `Unexpected level ${code(level)} for rule \`${id}\`, expected \`error\`, \`warning\` or \`off\`` });
        }
      }
    }

    for (const refused of model.files.refused) {
      if (refused.key === undefined) continue;
      if (refused.reason === 'not-found') {
        report({ file, place: span(manifest, refused.key), message: `Unexpected missing file ${code(refused.path)} in \`${refused.key[0]}\`, expected a Markdown file inside the framework folder` });
      } else if (refused.reason === 'not-markdown') {
        report({ file, place: span(manifest, refused.key), message: `Unexpected ${code(refused.path)} in \`${refused.key[0]}\`, expected a Markdown file ending in \`.md\`` });
      }
    }
  },
};

function checkFields(
  manifest: Manifest,
  at: (string | number)[],
  data: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, Field>>,
  report: (finding: Finding) => void,
): void {
  const file = manifest.file.path;
  for (const [key, field] of Object.entries(fields)) {
    const value = data[key];
    if (value === undefined || value === null) {
      if (field.required) {
        const where = at.length > 0 ? span(manifest, at) : START;
        report({ file, place: where, message: `Missing \`${[...at, key].join('.')}\`, expected ${field.type.expected}` });
      }
      continue;
    }
    if (!field.type.test(value)) {
      report({ file, place: span(manifest, [...at, key]), message: `Unexpected ${code(value)} for \`${[...at, key].join('.')}\`, expected ${field.type.expected}` });
    }
  }
  for (const key of Object.keys(data)) {
    if (key in fields) continue;
    const hint = closest(key, Object.keys(fields));
    const expected = hint ? `did you mean \`${hint}\`?` : `expected one of ${Object.keys(fields).map((k) => `\`${k}\``).join(', ')}`;
    report({ file, place: keySpan(manifest, [...at, key]), message: `Unexpected key \`${[...at, key].join('.')}\`, ${expected}` });
  }
}

function span(manifest: Manifest, path: readonly (string | number)[]) {
  return manifest.yaml.valueSpan(path) ?? START;
}

function keySpan(manifest: Manifest, path: readonly (string | number)[]) {
  return manifest.yaml.keySpan(path) ?? START;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
