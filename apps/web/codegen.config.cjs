// Typed operations from the served schema: `npx graphql-codegen --config apps/web/codegen.config.cjs`
// rewrites src/gql/ from the operations in src/**/*.ts(x). codegen.spec.ts generates into a
// temporary folder and fails when the committed files drift from the schema or the operations.
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

/** The configuration, writing into `outDir` (the committed folder unless a test says otherwise). */
function config(outDir = join(__dirname, 'src', 'gql')) {
  return {
    schema: join(root, 'apps', 'api', 'schema.graphql'),
    documents: [join(__dirname, 'src', '**', '*.{ts,tsx}'), `!${join(__dirname, 'src', 'gql', '**')}`],
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [`${outDir}/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' }, avoidOptionals: { field: true } },
      },
    },
  };
}

module.exports = config();
module.exports.config = config;
