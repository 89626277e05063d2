import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../check/diagnostic.js';
import { registry } from '../rules/registry.js';
import { uriFromRoot } from './report-paths.js';
import type { Reporter } from './reporter.js';

/**
 * SARIF 2.1.0: one run, every rule in `tool.driver.rules` with its description and help carried
 * inline (no URI: SARIF viewers show the text, and a link would have to name a page that exists),
 * results with physical locations relative to `%SRCROOT%`, the repository root given as `root`
 * and named in `originalUriBaseIds` (where code scanning resolves them). A file outside it is
 * named by an absolute `file:` URI.
 */
export const sarif: Reporter = (result, { version, cwd = '.', root = cwd }) => {
  const ruleIndex = new Map(registry.map((r, i) => [r.rule.id, i]));
  const location = (d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'place'>) => physicalLocation(d, root, cwd);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gctf',
            version,
            rules: registry.map(({ rule, severity }) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: `${rule.description} ${configure(rule.id, severity)}`, markdown: `${rule.description}\n\n${configure(rule.id, severity, '`')}` },
              defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(path.resolve(root)), description: { text: 'The repository root (git rev-parse --show-toplevel), else the folder gctf ran in.' } } },
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

function configure(id: string, severity: string, quote = ''): string {
  return `It is ${quote}${severity}${quote} unless framework.yaml sets it (${quote}rules: {${id}: error | warning | off}${quote}).`;
}

function physicalLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'place'>, root: string, cwd: string) {
  const end = d.place && 'end' in d.place ? d.place.end : undefined;
  const uri = uriFromRoot(root, cwd, d.file);
  return {
    physicalLocation: {
      artifactLocation: uri === undefined ? { uri: pathToFileURL(path.resolve(cwd, d.file)).href } : { uri, uriBaseId: '%SRCROOT%' },
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

/** An absolute folder as a `file:` URI ending in `/`, as SARIF requires of a base URI. */
function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
