// Unit tests (*.spec.ts) beside the code, integration tests (*.int-spec.ts) against the
// real PostgreSQL and Redis, end-to-end tests (apps/api-e2e) over HTTP.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|cookie|file-type)/)(?!.*/node_modules/)'],
  moduleNameMapper,
  globalSetup: '<rootDir>/tools/testing/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/testing/global-teardown.cjs',
  maxWorkers: 2,
  testTimeout: 60000,
};
