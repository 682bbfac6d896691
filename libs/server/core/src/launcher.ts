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
