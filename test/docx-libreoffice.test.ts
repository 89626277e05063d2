import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocx, PRACTICES } from './helpers/docx-build.js';

const SCRIPT = path.join(import.meta.dirname, '..', 'scripts', 'check-docx-libreoffice.sh');
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;

// The reason is in the suite's name, so a skipped run says why in every reporter.
const suite = hasSoffice ? 'docx: LibreOffice opens the Word output' : 'docx: LibreOffice opens the Word output (skipped: soffice is not installed)';

describe(suite, () => {
  for (const lang of ['en', 'ar']) {
    it.skipIf(!hasSoffice)(`converts the ${lang} edition to a non-empty PDF`, { timeout: 240_000 }, async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-docx-lo-'));
      const input = path.join(folder, `framework.${lang}.docx`);
      writeFileSync(input, await buildDocx(PRACTICES, lang));
      const pdf = execFileSync('sh', [SCRIPT, input, path.join(folder, 'pdf')], { encoding: 'utf8', timeout: 200_000 }).trim();
      expect(pdf).toBe(path.join(folder, 'pdf', `framework.${lang}.pdf`));
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
    });
  }
});
