// The one environment schema. Every process validates it at boot; a bad value stops the
// process with a message naming the variable. Defaults serve local development.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { embeddedUrls, readEmbeddedCredentials, EmbeddedCredentials } from '../database/embedded-credentials';
import { DEFAULT_OPERATION_LIMITS, OperationLimits } from '../graphql/limits';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Where PostgreSQL comes from: the server DATABASE_URL names, or (unset) an embedded one
 * that `npm start` runs itself, its data and passwords under `home`.
 */
export type DatabaseSetup = { mode: 'server' } | { mode: 'embedded'; home: string; port: number };

/**
 * What carries jobs, live events and shared counters between processes: Redis when
 * REDIS_URL is set, else PostgreSQL itself (BullMQ's PostgreSQL backend, LISTEN/NOTIFY).
 */
export type QueueSetup = { backend: 'redis'; redisUrl: string } | { backend: 'postgres' };

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  database: DatabaseSetup;
  /** The owning role: creates the database and runs migrations. */
  databaseUrl: string;
  /** The api's runtime role: owns no table, has no BYPASSRLS. */
  databaseAppUrl: string;
  /** The worker's runtime role: the api's rights, plus entering a tenant's context for its jobs. */
  databaseWorkerUrl: string;
  databasePoolSize: number;
  queue: QueueSetup;
  /**
   * Prefix of every BullMQ key and pub/sub channel; wrap it in {braces} to hash-tag it on
   * Redis Cluster. (On PostgreSQL the queues live in the database's `bullmq` schema and
   * only channel names carry it.)
   */
  queuePrefix: string;
  jwtSecret: string;
  /** True when JWT_SECRET was unset and this process made up its own secret. */
  jwtSecretGenerated: boolean;
  jwtTtlSeconds: number;
  logLevel: LogLevel;
  workerConcurrency: number;
  /** How long a worker holds a job before another may take it over (a killed worker's jobs). */
  workerLockMs: number;
  /** How often the worker re-enqueues work the queue lost: outbox rows and dirty rollup marks. */
  sweepIntervalMs: number;
  /** How old an outbox row must be before the sweep republishes it (younger ones are left to their own job). */
  outboxGraceMs: number;
  /** How old a dirty rollup mark must be before the sweep re-enqueues its node (younger ones are left to their own job). */
  rollupSweepGraceMs: number;
  /** How often the worker removes failed jobs past their retention. */
  queuePruneIntervalMs: number;
  /** Free attempts per hour before each further one backs off (2, 4, 8 … seconds). */
  throttle: { loginFailuresPerAccount: number; loginFailuresPerAddress: number; signUpsPerAddress: number };
  /** Where the api writes the served SDL at boot (development only); empty: nowhere. */
  schemaFile: string;
  /** The address the api listens on: loopback unless told otherwise (a container says 0.0.0.0). */
  host: string;
  /** Exact origins allowed cross-origin; empty: localhost in development, none in production. */
  corsOrigins: string[];
  /** Per user and api process: operations in flight and waiting, subscriptions. */
  operationLimits: OperationLimits;
  /** A failed webhook delivery's first retry comes after this long, each next one after twice the last (with jitter). */
  webhookBackoffMs: number;
  /** Where the daily digest of unread notifications is sent from (an smtp: or smtps: URL); empty: no email. */
  smtpUrl: string;
  /** The digest's sender address. */
  mailFrom: string;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name] ?? fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function host(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!isIP(raw) && !HOSTNAME.test(raw)) throw new ConfigError(name, `must be an IP address or a host name (got "${raw}")`);
  return raw;
}

/** Comma-separated exact origins (scheme, host, port): a trailing slash or a path is a mistake, not an origin. */
function origins(env: Env, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    let origin: string | undefined;
    try {
      const parsed = new URL(entry);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') origin = parsed.origin;
    } catch {
      // reported below
    }
    if (origin !== entry) throw new ConfigError(name, `must list exact origins such as https://pmo.example, comma-separated (got "${entry}")`);
  }
  return list;
}

function operationLimits(env: Env): OperationLimits {
  const defaults = DEFAULT_OPERATION_LIMITS;
  const limits: OperationLimits = {
    inFlightPerUser: integer(env, 'GRAPHQL_MAX_IN_FLIGHT_PER_USER', defaults.inFlightPerUser, 1, 1000),
    queuedPerUser: integer(env, 'GRAPHQL_MAX_QUEUED_PER_USER', defaults.queuedPerUser, 0, 10_000),
    subscriptionsPerConnection: integer(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION', defaults.subscriptionsPerConnection, 1, 10_000),
    subscriptionsPerUser: integer(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER', defaults.subscriptionsPerUser, 1, 100_000),
  };
  if (limits.subscriptionsPerUser < limits.subscriptionsPerConnection) {
    throw new ConfigError('GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER', 'must be at least GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION');
  }
  return limits;
}

/**
 * A runtime role's URL. Outside production it defaults to the owner's URL with the
 * role's local credentials (the role name as password); production must name its own,
 * with a password of its own.
 */
function runtimeDatabaseUrl(env: Env, name: string, role: string, ownerUrl: string, production: boolean): string {
  if (!env[name]) {
    if (production) throw new ConfigError(name, 'must be set in production (the runtime role and its password)');
    const derived = new URL(ownerUrl);
    derived.username = role;
    derived.password = role;
    return derived.toString();
  }
  const value = url(env, name, '', ['postgres:', 'postgresql:']);
  const password = decodeURIComponent(new URL(value).password);
  if (production && (password.length < 12 || password === role)) {
    throw new ConfigError(name, 'must carry a password of its own, at least 12 characters, in production');
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** LOG_LEVEL, or warn in tests and info otherwise. */
export function logLevel(env: Env = process.env): LogLevel {
  return oneOf(env, 'LOG_LEVEL', LOG_LEVELS, env.NODE_ENV === 'test' ? 'warn' : 'info');
}

/** The embedded server's port unless EMBEDDED_PG_PORT says otherwise (below the ephemeral range). */
export const EMBEDDED_PG_PORT = 15432;

/** DATABASE_URL set: that server. Unset: the embedded PostgreSQL, under EMBEDDED_PG_DIR (relative to the working directory). */
export function databaseSetup(env: Env = process.env): DatabaseSetup {
  if (env.DATABASE_URL) return { mode: 'server' };
  return { mode: 'embedded', home: resolve(env.EMBEDDED_PG_DIR || '.data/pg'), port: integer(env, 'EMBEDDED_PG_PORT', EMBEDDED_PG_PORT, 1, 32767) };
}

interface DatabaseUrls {
  owner: string;
  app: string;
  worker: string;
}

function databaseUrls(env: Env, setup: DatabaseSetup, production: boolean, readCredentials: (home: string) => EmbeddedCredentials | undefined): DatabaseUrls {
  if (setup.mode === 'server') {
    const owner = url(env, 'DATABASE_URL', '', ['postgres:', 'postgresql:']);
    return {
      owner,
      app: runtimeDatabaseUrl(env, 'DATABASE_APP_URL', 'pmo_app', owner, production),
      worker: runtimeDatabaseUrl(env, 'DATABASE_WORKER_URL', 'pmo_worker', owner, production),
    };
  }
  if (production) throw new ConfigError('DATABASE_URL', 'must be set in production (the embedded PostgreSQL serves development and trials)');
  for (const name of ['DATABASE_APP_URL', 'DATABASE_WORKER_URL']) {
    if (env[name]) throw new ConfigError(name, 'needs DATABASE_URL (the embedded PostgreSQL makes its own roles and passwords)');
  }
  const credentials = readCredentials(setup.home);
  if (!credentials) {
    throw new ConfigError('DATABASE_URL', `is unset and ${setup.home} holds no embedded PostgreSQL yet: \`npm start\` sets one up there`);
  }
  return embeddedUrls(setup.port, credentials);
}

/** The longest prefix whose channel names still fit PostgreSQL's 63-byte identifiers. */
const MAX_QUEUE_PREFIX = 40;

/**
 * `readCredentials` finds the embedded server's passwords (its 0600 file); tests of the
 * schema pass their own.
 */
export function loadConfig(env: Env = process.env, readCredentials = readEmbeddedCredentials): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const queuePrefix = env.QUEUE_PREFIX || 'pmo';
  if (queuePrefix.length > MAX_QUEUE_PREFIX)
    throw new ConfigError('QUEUE_PREFIX', `must be at most ${MAX_QUEUE_PREFIX} characters (got ${queuePrefix.length})`);
  // Unset outside production: a random secret for this process, never a constant anyone
  // could read in the source (tokens then end with the process).
  const jwtSecretGenerated = !env.JWT_SECRET;
  if (production && jwtSecretGenerated) throw new ConfigError('JWT_SECRET', 'must be set to a secret of your own in production');
  const jwtSecret = env.JWT_SECRET || randomBytes(32).toString('base64url');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const database = databaseSetup(env);
  const urls = databaseUrls(env, database, production, readCredentials);
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    database,
    databaseUrl: urls.owner,
    databaseAppUrl: urls.app,
    databaseWorkerUrl: urls.worker,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    queue: env.REDIS_URL ? { backend: 'redis', redisUrl: url(env, 'REDIS_URL', '', ['redis:', 'rediss:']) } : { backend: 'postgres' },
    queuePrefix,
    jwtSecret,
    jwtSecretGenerated,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    logLevel: logLevel(env),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    workerLockMs: integer(env, 'WORKER_LOCK_MS', 30_000, 1000, 600_000),
    sweepIntervalMs: integer(env, 'SWEEP_INTERVAL_MS', 10_000, 100, 3_600_000),
    outboxGraceMs: integer(env, 'OUTBOX_GRACE_MS', 30_000, 100, 86_400_000),
    rollupSweepGraceMs: integer(env, 'ROLLUP_SWEEP_GRACE_MS', 5000, 100, 86_400_000),
    queuePruneIntervalMs: integer(env, 'QUEUE_PRUNE_INTERVAL_MS', 600_000, 1000, 86_400_000),
    throttle: {
      loginFailuresPerAccount: integer(env, 'LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1_000_000),
      loginFailuresPerAddress: integer(env, 'LOGIN_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
      signUpsPerAddress: integer(env, 'SIGNUPS_PER_ADDRESS', 20, 1, 1_000_000),
    },
    schemaFile: env.GRAPHQL_SCHEMA_FILE ?? (nodeEnv === 'development' ? 'apps/api/schema.graphql' : ''),
    host: host(env, 'HOST', '127.0.0.1'),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    operationLimits: operationLimits(env),
    webhookBackoffMs: integer(env, 'WEBHOOK_BACKOFF_MS', 30_000, 10, 3_600_000),
    smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : '',
    mailFrom: env.MAIL_FROM || 'PMO Hub <no-reply@localhost>',
  };
}

/** Nest provider token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
