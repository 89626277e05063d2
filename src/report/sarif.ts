import type { Diagnostic } from '../check/diagnostic.js';
import { registry, ruleUrl } from '../rules/registry.js';
import type { Reporter } from './reporter.js';

/**
 * SARIF 2.1.0: one run, every rule in `tool.driver.rules` with its description and help URI,
 * results with physical locations relative to the framework folder (`%SRCROOT%`).
 */
export const sarif: Reporter = (result, { version }) => {
  const ruleIndex = new Map(registry.map((r, i) => [r.rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gctf',
            version,
            informationUri: ruleUrl('').replace(/#$/, ''),
            rules: registry.map(({ rule, severity }) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              helpUri: ruleUrl(rule.id),
              help: { text: `${rule.description} See ${ruleUrl(rule.id)}` },
              defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The framework folder.' } } },
        results: result.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: ruleIndex.get(d.ruleId ?? '') ?? -1,
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.reason },
          locations: [location(d)],
          ...(isCause(d.cause) ? { relatedLocations: [{ id: 1, ...location(d.cause), message: { text: d.cause.reason } }] } : {}),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function location(d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'place'>) {
  const end = d.place && 'end' in d.place ? d.place.end : undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(d.file), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: d.line ?? 1,
        startColumn: d.column ?? 1,
        ...(end && (end.line > (d.line ?? 1) || end.column > (d.column ?? 1)) ? { endLine: end.line, endColumn: end.column } : {}),
      },
    },
  };
}

function isCause(cause: unknown): cause is Diagnostic {
  return typeof cause === 'object' && cause !== null && 'reason' in cause && 'file' in cause;
}

/** A relative path as a URI reference: each segment percent-encoded, `#` and `?` included, `/` kept. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
