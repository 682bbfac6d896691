// The architecture's direction is enforced by ESLint (`@nx/enforce-module-boundaries` over
// Nx's project graph, in `npm test`'s lint step). This proves the rule bites: an import in
// each forbidden direction is an error, the allowed ones are not.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { createProjectGraphAsync } from 'nx/src/devkit-exports';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');

describe('module boundaries', () => {
  let eslint: ESLint;

  beforeAll(async () => {
    process.env.NX_DAEMON = 'false';
    // The rule reads the cached project graph: make sure it is there and current.
    await createProjectGraphAsync({ exitOnError: false });
    const nx = (await import('@nx/eslint-plugin')).default as unknown as ESLint.Plugin;
    // @ts-expect-error an .mjs module without types
    const { moduleBoundaries } = await import('./module-boundaries.mjs');
    eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { '@nx': nx },
          rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries] },
        },
      ],
    });
  }, 60_000);

  const problems = async (file: string, source: string) => {
    const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
    return result.messages.map((message) => (process.env.DEBUG_LINT ? message.message : message.ruleId));
  };

  it.each([
    ['a feature importing another feature', 'libs/server/projects/src/x.ts', "import { KpiModule } from '@pmo/kpi';"],
    ['core importing a feature', 'libs/server/core/src/x.ts', "import { ProjectsModule } from '@pmo/projects';"],
    ['shared importing core', 'libs/shared/src/x.ts', "import { TenantDb } from '@pmo/core';"],
    ['a lib importing an app by path', 'libs/server/kpi/src/x.ts', "import { AppModule } from '../../../../apps/api/src/app.module';"],
    ['a lib reaching into another lib by path', 'libs/server/kpi/src/x.ts', "import { TenantDb } from '../../core/src/database/tenant-db';"],
  ])('refuses %s', async (_case, file, source) => {
    expect(await problems(file, source)).toContain('@nx/enforce-module-boundaries');
  });

  it.each([
    ['an app importing features and core', 'apps/api/src/x.ts', "import { KpiModule } from '@pmo/kpi';\nimport { TenantDb } from '@pmo/core';"],
    ['a feature importing core and shared', 'libs/server/kpi/src/x.ts', "import { TenantDb } from '@pmo/core';\nimport { Role } from '@pmo/shared';"],
    ['core importing shared', 'libs/server/core/src/x.ts', "import { Role } from '@pmo/shared';"],
    ['a test importing the harness', 'libs/server/core/src/x.spec.ts', "import { RepositoryTestDb } from '@pmo/testing';"],
  ])('allows %s', async (_case, file, source) => {
    expect(await problems(file, source)).toEqual([]);
  });
});
