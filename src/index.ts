/**
 * gctf's library API: what the command line and the tests call.
 * @packageDocumentation
 */
export { loadFramework } from './engine/pipeline.js';
export { checkModel, ruleLevels, type CheckResult } from './check/check-model.js';
export type { Diagnostic } from './check/diagnostic.js';
export { findFrameworkFolder } from './read/find-framework-folder.js';
export { registry, ruleUrl, type RegisteredRule, type Severity } from './rules/registry.js';
export type { Rule, Finding } from './rules/rule.js';
export type * from './model/types.js';
export { sourceHash } from './parse/parse-draft.js';
export { main, type MainOptions } from './cli.js';
export { ExitError, InputError, InternalError, UsageError } from './errors.js';
export type { Io } from './io.js';
export { listRows, type ListRow } from './commands/list.js';
