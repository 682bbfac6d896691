import { resolve } from 'node:path';
import { ConfigError, databaseSetup, loadConfig as load } from './config';

const SECRET = 'a-production-secret-of-forty-characters!!';
const SERVER = 'postgres://postgres@127.0.0.1:5432/pmo';
/** What an embedded PostgreSQL's credentials file holds once `npm start` has set it up. */
const STORED = { owner: 'owner-secret', app: 'app-secret', worker: 'worker-secret' };
const homes: string[] = [];
const loadConfig = (env: Record<string, string>) =>
  load(env, (home) => {
    homes.push(home);
    return STORED;
  });

function failure(env: Record<string, string>, readCredentials: () => typeof STORED | undefined = () => STORED): Error {
  try {
    load(env, readCredentials);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('runs on an embedded PostgreSQL and a queue on PostgreSQL when neither URL is set', () => {
    homes.length = 0;
    const config = loadConfig({});
    expect(config.database).toEqual({ mode: 'embedded', home: resolve('.data/pg'), port: 15432 });
    expect(config.queue).toEqual({ backend: 'postgres' });
    expect(homes).toEqual([resolve('.data/pg')]);
    // The owner and both runtime roles, each with its stored password, on 127.0.0.1 only.
    const [owner, app, worker] = [config.databaseUrl, config.databaseAppUrl, config.databaseWorkerUrl].map((url) => new URL(url));
    expect([owner.username, owner.password, owner.host, owner.pathname]).toEqual(['postgres', 'owner-secret', '127.0.0.1:15432', '/pmo']);
    expect([app.username, app.password, app.host]).toEqual(['pmo_app', 'app-secret', '127.0.0.1:15432']);
    expect([worker.username, worker.password]).toEqual(['pmo_worker', 'worker-secret']);
    const elsewhere = loadConfig({ EMBEDDED_PG_DIR: '/var/tmp/pmo', EMBEDDED_PG_PORT: '25000' });
    expect(elsewhere.database).toEqual({ mode: 'embedded', home: '/var/tmp/pmo', port: 25000 });
    expect(new URL(elsewhere.databaseAppUrl).port).toBe('25000');
  });

  it('uses the servers the URLs name, each on its own', () => {
    expect(loadConfig({ DATABASE_URL: SERVER })).toMatchObject({ database: { mode: 'server' }, databaseUrl: SERVER, queue: { backend: 'postgres' } });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' })).toMatchObject({
      database: { mode: 'embedded' },
      queue: { backend: 'redis', redisUrl: 'redis://cache:6379' },
    });
    expect(databaseSetup({ DATABASE_URL: SERVER, EMBEDDED_PG_DIR: '/x' })).toEqual({ mode: 'server' });
  });

  it('says how to set up the embedded PostgreSQL when it has no credentials yet', () => {
    const error = failure({}, () => undefined);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Invalid configuration: DATABASE_URL is unset and .* holds no embedded PostgreSQL yet: `npm start` sets one up there$/);
  });

  it('serves local development against a server with no other environment', () => {
    const config = loadConfig({ DATABASE_URL: SERVER, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/pmo',
      queue: { backend: 'redis', redisUrl: 'redis://127.0.0.1:6379' },
      jwtSecretGenerated: true,
      logLevel: 'info',
      queuePrefix: 'pmo',
      schemaFile: 'apps/api/schema.graphql',
      host: '127.0.0.1',
      corsOrigins: [],
      operationLimits: { inFlightPerUser: 4, queuedPerUser: 16, subscriptionsPerConnection: 20, subscriptionsPerUser: 50 },
      sweepIntervalMs: 10_000,
      outboxGraceMs: 30_000,
      rollupSweepGraceMs: 5000,
      queuePruneIntervalMs: 600_000,
      webhookBackoffMs: 30_000,
      smtpUrl: '',
    });
    // The runtime roles default to the app and worker roles on the owner's database, never the owner.
    expect(new URL(config.databaseAppUrl).username).toBe('pmo_app');
    expect(new URL(config.databaseAppUrl).pathname).toBe('/pmo');
    expect(new URL(config.databaseWorkerUrl).username).toBe('pmo_worker');
  });

  it('makes up a random secret per process when JWT_SECRET is unset, never a constant', () => {
    const [one, two] = [loadConfig({}), loadConfig({})];
    expect(one.jwtSecret).not.toBe(two.jwtSecret);
    expect(one.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ JWT_SECRET: SECRET })).toMatchObject({ jwtSecret: SECRET, jwtSecretGenerated: false });
  });

  it('reads valid values', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      JWT_SECRET: SECRET,
      DATABASE_URL: 'postgresql://owner:pw@db:5432/hub',
      DATABASE_APP_URL: 'postgresql://app:app-password-1@db:5432/hub',
      DATABASE_WORKER_URL: 'postgresql://worker:worker-password-1@db:5432/hub',
      GRAPHQL_SCHEMA_FILE: '/tmp/schema.graphql',
    });
    expect(config).toMatchObject({ nodeEnv: 'production', port: 8080, jwtSecret: SECRET, schemaFile: '/tmp/schema.graphql' });
    expect(config.databaseAppUrl).toBe('postgresql://app:app-password-1@db:5432/hub');
    expect(config.databaseWorkerUrl).toBe('postgresql://worker:worker-password-1@db:5432/hub');
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATABASE_URL: SERVER,
      DATABASE_APP_URL: 'postgres://a:a-long-password@db/pmo',
      DATABASE_WORKER_URL: 'postgres://w:w-long-password@db/pmo',
    };
    expect(loadConfig(production).schemaFile).toBe('');
  });

  it('reads the listening address, the CORS allow-list and the operation limits', () => {
    for (const host of ['0.0.0.0', '::', '::1', '10.1.2.3', 'api.internal', 'localhost']) expect(loadConfig({ HOST: host }).host).toBe(host);
    expect(loadConfig({ CORS_ORIGINS: ' https://pmo.example, http://localhost:5173 ,https://a.b.example:8443' }).corsOrigins).toEqual([
      'https://pmo.example',
      'http://localhost:5173',
      'https://a.b.example:8443',
    ]);
    const limits = loadConfig({
      GRAPHQL_MAX_IN_FLIGHT_PER_USER: '2',
      GRAPHQL_MAX_QUEUED_PER_USER: '0',
      GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
      GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER: '7',
    }).operationLimits;
    expect(limits).toEqual({ inFlightPerUser: 2, queuedPerUser: 0, subscriptionsPerConnection: 5, subscriptionsPerUser: 7 });
  });

  it('reads the job timings, short enough for tests that wait on sweeps', () => {
    const config = loadConfig({ SWEEP_INTERVAL_MS: '200', OUTBOX_GRACE_MS: '300', ROLLUP_SWEEP_GRACE_MS: '100', QUEUE_PRUNE_INTERVAL_MS: '5000' });
    expect(config).toMatchObject({ sweepIntervalMs: 200, outboxGraceMs: 300, rollupSweepGraceMs: 100, queuePruneIntervalMs: 5000 });
  });

  it('reads the webhook backoff and the digest mail server', () => {
    expect(loadConfig({ WEBHOOK_BACKOFF_MS: '200', SMTP_URL: 'smtp://127.0.0.1:2525' })).toMatchObject({
      webhookBackoffMs: 200,
      smtpUrl: 'smtp://127.0.0.1:2525',
    });
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'nonsense' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/pmo' }],
    ['DATABASE_APP_URL', { DATABASE_URL: SERVER, DATABASE_APP_URL: 'nonsense' }],
    ['DATABASE_APP_URL', { DATABASE_APP_URL: 'postgres://pmo_app:pw@db/pmo' }],
    ['DATABASE_WORKER_URL', { DATABASE_WORKER_URL: 'postgres://pmo_worker:pw@db/pmo' }],
    ['DATABASE_URL', { NODE_ENV: 'production', JWT_SECRET: SECRET }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '40000' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: 'fifteen' }],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'p'.repeat(41) }],
    ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
    ['NODE_ENV', { NODE_ENV: 'prod' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['JWT_TTL_SECONDS', { JWT_TTL_SECONDS: '1.5' }],
    ['SWEEP_INTERVAL_MS', { SWEEP_INTERVAL_MS: '50' }],
    ['OUTBOX_GRACE_MS', { OUTBOX_GRACE_MS: '30s' }],
    ['OUTBOX_GRACE_MS', { OUTBOX_GRACE_MS: '0' }],
    ['ROLLUP_SWEEP_GRACE_MS', { ROLLUP_SWEEP_GRACE_MS: '-5' }],
    ['QUEUE_PRUNE_INTERVAL_MS', { QUEUE_PRUNE_INTERVAL_MS: '999' }],
    ['WEBHOOK_BACKOFF_MS', { WEBHOOK_BACKOFF_MS: '30s' }],
    ['WEBHOOK_BACKOFF_MS', { WEBHOOK_BACKOFF_MS: '0' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['DATABASE_APP_URL', { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: SERVER }],
    ['DATABASE_APP_URL', { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: SERVER, DATABASE_APP_URL: 'postgres://pmo_app:pmo_app@db/pmo' }],
    ['DATABASE_WORKER_URL', { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: SERVER, DATABASE_APP_URL: 'postgres://a:a-long-password@db/pmo' }],
    [
      'DATABASE_WORKER_URL',
      {
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        DATABASE_URL: SERVER,
        DATABASE_APP_URL: 'postgres://a:a-long-password@db/pmo',
        DATABASE_WORKER_URL: 'postgres://pmo_worker@db/pmo',
      },
    ],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) }],
    ['HOST', { HOST: 'http://0.0.0.0' }],
    ['HOST', { HOST: 'api host' }],
    ['HOST', { HOST: 'api.internal:3000' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: '*' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://pmo.example/' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://pmo.example/app' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'pmo.example' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'ftp://pmo.example' }],
    ['GRAPHQL_MAX_IN_FLIGHT_PER_USER', { GRAPHQL_MAX_IN_FLIGHT_PER_USER: '0' }],
    ['GRAPHQL_MAX_QUEUED_PER_USER', { GRAPHQL_MAX_QUEUED_PER_USER: '-1' }],
    ['GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION', { GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION: 'many' }],
    ['GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER', { GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION: '30', GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER: '20' }],
  ])('refuses a bad %s and names it (%j)', (variable, env) => {
    const error = failure(env as Record<string, string>);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
