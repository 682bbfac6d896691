// The committed typed operations match the served schema and the operations: generated
// again into a temporary folder, they must be identical (`npm run codegen` rewrites them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('generated operations', () => {
  it('are what the schema and the operations give today', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmo-codegen-'));
    try {
      // The CLI runs as `npm run codegen` runs it, in its own process (it loads ES modules jest does not).
      const configFile = join(dir, 'codegen.cjs');
      const out = join(dir, 'gql');
      writeFileSync(configFile, `module.exports = require(${JSON.stringify(join(__dirname, '..', 'codegen.config.cjs'))}).config(${JSON.stringify(out)});`);
      execFileSync(process.execPath, [join(__dirname, '..', '..', '..', 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', configFile], {
        stdio: 'pipe',
      });
      const committed = join(__dirname, 'gql');
      expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort());
      for (const file of readdirSync(out)) {
        expect({ file, text: readFileSync(join(out, file), 'utf8') }).toEqual({ file, text: readFileSync(join(committed, file), 'utf8') });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
