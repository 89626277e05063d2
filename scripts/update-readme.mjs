#!/usr/bin/env node
// Regenerates the README's rule list from the rule registry (run `npm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRuleTable } from '../lib/rules/documentation.js';

const file = new URL('../README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = withRuleTable(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'README.md rule list is up to date' : 'README.md rule list updated');
