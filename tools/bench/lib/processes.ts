// Databases and api processes for benchmarks: a freshly migrated database of its own,
// api processes spawned from dist/ (the production build), and their clean-up. The
// database server is the local one (BENCH_DATABASE_URL) unless a benchmark switches to
// an embedded one (useDatabaseServer).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freePort } from '@pmo/testing';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';

export const DIST = join(__dirname, '..', '..', '..');
let base = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Points the helpers below at another server: its superuser's URL. */
export function useDatabaseServer(url: string): void {
  base = url;
}

export function ownerUrl(database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A runtime role (no BYPASSRLS, owns no table): the api's pmo_app or the worker's
 * pmo_worker. Benchmarks run in production mode, which wants a password of its own
 * (the local server trusts 127.0.0.1, so any will do).
 */
export function appUrl(database: string, role: 'pmo_app' | 'pmo_worker' = 'pmo_app'): string {
  const url = new URL(ownerUrl(database));
  url.username = role;
  url.password = 'bench-password-not-for-production';
  return url.toString();
}

/** The environment of production-mode api and worker processes on a benchmark's database. */
export function productionEnv(database: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    LOG_LEVEL: 'warn',
    DATABASE_URL: ownerUrl(database),
    DATABASE_APP_URL: appUrl(database),
    DATABASE_WORKER_URL: appUrl(database, 'pmo_worker'),
    REDIS_URL,
    QUEUE_PREFIX: database,
  };
}

/** A worker process from dist/ (or another build's: `main`, its compiled main.js), its logs on this process's stderr. */
export function startWorker(env: Record<string, string>, { main = join(DIST, 'apps', 'worker', 'src', 'main.js') } = {}): ChildProcess {
  return spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database, migrated by the production migration script (of this build, or of the build whose dist/ is `dist`). */
export async function createMigratedDatabase(kind: string, { dist = DIST } = {}): Promise<string> {
  const name = `pmo_bench_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  execFileSync(process.execPath, [join(dist, 'tools', 'migrate.js')], {
    env: { ...process.env, DATABASE_URL: ownerUrl(name), DATABASE_APP_URL: appUrl(name), DATABASE_WORKER_URL: appUrl(name, 'pmo_worker'), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export class ApiProcess {
  private output = '';
  private readonly listeners: Array<(chunk: string) => void> = [];

  private constructor(
    readonly label: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output = (this.output + text).slice(-10000);
      for (const listener of this.listeners) listener(text);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => keep(Buffer.from(`[${label} api exited: code ${code}, signal ${signal}]\n`)));
  }

  /**
   * An api from this build's dist/, or from another build's (`main`: its compiled main.js),
   * or any server that answers /health; `node`: flags for Node.js (e.g. the young generation's size).
   */
  static async start(
    label: string,
    env: Record<string, string>,
    { main = join(DIST, 'apps', 'api', 'src', 'main.js'), node = [] as string[] } = {},
  ): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...node, main], {
      // A benchmark's one user stands for many clients: per-user fairness limits would
      // measure themselves (and refuse the ingest's bursts), so they are opened wide here.
      env: {
        ...(process.env as Record<string, string>),
        LOG_LEVEL: 'warn',
        GRAPHQL_MAX_IN_FLIGHT_PER_USER: '1000',
        GRAPHQL_MAX_QUEUED_PER_USER: '10000',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(label, `http://127.0.0.1:${port}`, child);
    await api.waitForHealth();
    return api;
  }

  private async waitForHealth(timeoutMs = 90000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        if ((await fetch(`${this.url}/health`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.label} api did not become healthy:\n${this.output}`);
  }

  /** Calls `listener` with everything the process writes from now on. */
  onOutput(listener: (chunk: string) => void): void {
    this.listeners.push(listener);
  }

  /** The process's last output (its logs), for a run that failed. */
  logs(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** CPU milliseconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
}

/** SIGTERM, then SIGKILL after 5 s: resolves once the process is gone (never leaves one behind). */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
