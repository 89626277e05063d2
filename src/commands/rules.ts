import type { Io } from '../io.js';
import { registry } from '../rules/registry.js';

export interface RulesOptions {
  readonly json?: boolean;
}

/** One rule as `gctf rules` lists it. */
export interface RuleRow {
  readonly id: string;
  /** Its severity unless `framework.yaml` says otherwise under `rules:`. */
  readonly severity: string;
  /** Whether `gctf check --fix` fixes some of its findings. */
  readonly fixable: boolean;
  readonly description: string;
  /** Its page, relative to the package: what it expects, a failing and a passing example. */
  readonly docs: string;
}

/** `gctf rules`: every rule, in the registry's order: id, default severity, fixable, description. */
export async function rules(options: RulesOptions, io: Io): Promise<number> {
  const rows: RuleRow[] = registry.map(({ rule, severity }) => ({
    id: rule.id,
    severity,
    fixable: rule.fixable === true,
    description: rule.description,
    docs: `docs/rules/${rule.id}.md`,
  }));
  if (options.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max('rule'.length, ...rows.map((r) => r.id.length));
  const lines = [
    `${'rule'.padEnd(width)}  default  fix  what it expects`,
    ...rows.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${(r.fixable ? 'yes' : '').padEnd(3)}  ${r.description}`),
    '',
    'Each rule has a page with examples in docs/rules/<rule>.md. Set a severity in framework.yaml',
    '(rules: {raw-html: error}); silence one finding with <!-- gctf-disable-next-line <rule> -->.',
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
