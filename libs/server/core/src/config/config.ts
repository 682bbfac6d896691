// The one environment schema. Every process validates it at boot; a bad value stops the
// process with a message naming the variable. Defaults serve local development.
import { isIP } from 'node:net';
import { DEFAULT_OPERATION_LIMITS, OperationLimits } from '../graphql/limits';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** The owning role: creates the database and runs migrations. */
  databaseUrl: string;
  /** The runtime role: owns no table, has no BYPASSRLS. */
  databaseAppUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  /** Prefix of every BullMQ key; wrap it in {braces} to hash-tag it on Redis Cluster. */
  queuePrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  logLevel: LogLevel;
  workerConcurrency: number;
  /** How long a worker holds a job before another may take it over (a killed worker's jobs). */
  workerLockMs: number;
  sweepIntervalMs: number;
  /** Where the api writes the served SDL at boot (development only); empty: nowhere. */
  schemaFile: string;
  /** The address the api listens on: loopback unless told otherwise (a container says 0.0.0.0). */
  host: string;
  /** Exact origins allowed cross-origin; empty: localhost in development, none in production. */
  corsOrigins: string[];
  /** Per user and api process: operations in flight and waiting, subscriptions. */
  operationLimits: OperationLimits;
}

export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789';

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
  const list = (env[name] ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
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

/** The runtime URL defaults to the owner's URL with the app role's credentials. */
function appDatabaseUrl(env: Env, ownerUrl: string): string {
  if (env.DATABASE_APP_URL) return url(env, 'DATABASE_APP_URL', '', ['postgres:', 'postgresql:']);
  const derived = new URL(ownerUrl);
  derived.username = 'pmo_app';
  derived.password = 'pmo_app';
  return derived.toString();
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const databaseUrl = url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/pmo', ['postgres:', 'postgresql:']);
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (nodeEnv === 'production' && (!env.JWT_SECRET || jwtSecret === DEV_JWT_SECRET)) {
    throw new ConfigError('JWT_SECRET', 'must be set to a secret of your own in production');
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    databaseAppUrl: appDatabaseUrl(env, databaseUrl),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env.QUEUE_PREFIX || 'pmo',
    jwtSecret,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    workerLockMs: integer(env, 'WORKER_LOCK_MS', 30_000, 1000, 600_000),
    sweepIntervalMs: integer(env, 'SWEEP_INTERVAL_MS', 10_000, 100, 3_600_000),
    schemaFile: env.GRAPHQL_SCHEMA_FILE ?? (nodeEnv === 'development' ? 'apps/api/schema.graphql' : ''),
    host: host(env, 'HOST', '127.0.0.1'),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    operationLimits: operationLimits(env),
  };
}

/** Nest provider token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
