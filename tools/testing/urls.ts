// The test setup's database and Redis addresses (urls.cjs, shared with jest's global setup), typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const urls = require('./urls.cjs') as {
  setup: 'servers' | 'embedded';
  templateDb: () => string;
  ownerUrl: (database: string) => string;
  appUrl: (database: string) => string;
  workerUrl: (database: string) => string;
  testDatabaseName: (kind: string) => string;
  isStale: (name: string) => boolean;
  redisUrl: string | undefined;
};

export const { setup, templateDb, ownerUrl, appUrl, workerUrl, testDatabaseName, redisUrl } = urls;
