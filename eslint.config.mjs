// Lint: typescript-eslint's strict rules, the type-aware ones that catch real bugs here
// (unawaited promises, promises where callbacks are expected), and Nx's module boundaries:
// apps → features → core → shared, never back.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './tools/lint/module-boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', '.data/**', 'coverage/**', '**/*.cjs', '**/*.mjs', 'apps/web/dist/**', 'apps/web/src/gql/**'] },
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest's decorators need classes with only static members (modules) and empty ones.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
    },
  },
  prettier,
);
