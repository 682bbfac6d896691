// The test harness, as tests import it (`@pmo/testing`): real PostgreSQL, Redis and HTTP.
export * from './error-code';
export * from './free-port';
export * from './repository-db';
export * from './stack';
export * from './urls';
export * from './sockets';
export * from './load';
export * from './environment';
