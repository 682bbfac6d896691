// The core as `npm start`'s launcher needs it, and nothing more: the index loads Nest and
// GraphQL, which the launcher must not wait for before it forks the api and the worker.
export { databaseSetup, loadConfig, logLevel } from './config/config';
export { EmbeddedPostgres } from './database/embedded-postgres';
export { createLogger } from './logging/logger';
export { DATABASE_READY } from './logging/supervision';

/** The migration code (TypeORM, BullMQ), loaded when called: once the children are forked. */
export function loadBootstrap(): typeof import('./database/bootstrap') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded late on purpose (see above)
  return require('./database/bootstrap');
}

/**
 * Node.js flags of the api process (`npm start`, `npm run start:api`, the container): a
 * young generation sized for GraphQL's short-lived objects, so that a response's garbage
 * dies young instead of being copied and promoted (measured in docs/benchmarks.md, "Read
 * path"). tools/docker.spec.ts keeps the other entry points in step.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=64'];
