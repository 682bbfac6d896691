// A real stack for integration and end-to-end tests: a database cloned from the migrated
// template, and api and worker processes (built in dist/) on their own port and queue
// prefix, talking to the real PostgreSQL and, in the servers setup, the real Redis (the
// embedded setup has none: the queue runs on PostgreSQL). No mocks.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import type { Client as WsClient } from 'graphql-ws';
import { BullQueue, createTransport, restrictDatabase, TransportKind } from '@pmo/core';
import { freePort } from './free-port';
import { GqlData, GqlErrors, openSocket, Socket, SocketOptions } from './sockets';

import { appUrl, ownerUrl, redisUrl, templateDb, testDatabaseName, workerUrl } from './urls';

/** The queue backend of this run's api and worker processes. */
export const QUEUE_BACKEND: TransportKind = redisUrl ? 'redis' : 'postgres';
/** The run's Redis (servers setup only). */
export const TEST_REDIS_URL = redisUrl;

const DIST = join(__dirname, '..', '..', 'dist');

export interface GqlResult<T = GqlData> {
  status: number;
  data?: T;
  errors?: GqlErrors;
}

export interface StackOptions {
  workers?: number;
  env?: Record<string, string>;
  /** Start without a worker (tests that drive jobs themselves). */
  noWorker?: boolean;
  /** Accept an api whose /health is 503 (a dependency deliberately unreachable). */
  degraded?: boolean;
}

export class Stack {
  readonly processes: ChildProcess[] = [];
  readonly url: string;
  readonly env: Record<string, string>;
  /** Owner connection (bypasses RLS): for setting up and checking, never for the app. */
  db!: Client;
  private output = '';
  private readonly sockets: WsClient[] = [];

  constructor(
    readonly database: string,
    readonly port: number,
    readonly prefix: string,
    extraEnv: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const inherited = { ...(process.env as Record<string, string>) };
    // The embedded setup runs without Redis, whatever the shell says.
    delete inherited.REDIS_URL;
    this.env = {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn',
      PORT: String(port),
      DATABASE_URL: ownerUrl(database),
      DATABASE_APP_URL: appUrl(database),
      DATABASE_WORKER_URL: workerUrl(database),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      // One secret for every process of the stack (unset, each would make up its own).
      JWT_SECRET: randomBytes(32).toString('base64url'),
      // Tests sign up many organizations from one address.
      SIGNUPS_PER_ADDRESS: '100000',
      QUEUE_PREFIX: prefix,
      SWEEP_INTERVAL_MS: '1000',
      GRAPHQL_SCHEMA_FILE: '',
      ...extraEnv,
    };
  }

  static async start(options: StackOptions = {}): Promise<Stack> {
    const database = await cloneDatabase();
    const stack = new Stack(database, await freePort(), database, options.env ?? {});
    stack.db = new Client({ connectionString: ownerUrl(database) });
    await stack.db.connect();
    stack.spawn('apps/api/src/main.js');
    if (!options.noWorker) for (let i = 0; i < (options.workers ?? 1); i++) stack.spawnWorker();
    try {
      await stack.waitForHealth(undefined, options.degraded);
    } catch (error) {
      // The caller gets no stack to stop: stop its processes here, or they outlive the test.
      await stack.stop();
      throw error;
    }
    return stack;
  }

  spawn(entry: string, env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [join(DIST, entry)], { env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.processes.push(child);
    return child;
  }

  spawnWorker(env: Record<string, string> = {}): ChildProcess {
    return this.spawn('apps/worker/src/main.js', env);
  }

  logs(): string {
    return this.output;
  }

  /** Waits for /health (60 s by default: a loaded machine boots slowly); a failure tells what health last said. */
  async waitForHealth(timeoutMs = 60000, degraded = false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200 || (degraded && res.status === 503)) return;
        last = `${res.status} ${await res.text()}`;
      } catch (error) {
        last = String(error); // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const exits = this.processes.map((child) => `${child.pid}: exit ${child.exitCode} signal ${child.signalCode}`).join(', ');
    throw new Error(`api did not become healthy (last: ${last}; processes: ${exits}):\n${this.output}`);
  }

  async gql<T = GqlData>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  }

  /** Runs a query and fails the test with the errors when there are any. */
  async ok<T = GqlData>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.gql<T>(query, variables, token);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** Signs up a new organization; returns its token, user id and hub id. */
  async signUp(name = `Org ${randomBytes(3).toString('hex')}`, email = `${randomBytes(5).toString('hex')}@example.com`) {
    const data = await this.ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token user { id memberships { tenant { id } } } } }`, {
      input: { organizationName: name, email, password: 'a long enough password' },
    });
    return { token: data.signUp.token as string, userId: data.signUp.user.id as string, hubId: data.signUp.user.memberships[0].tenant.id as string, email };
  }

  async createSpoke(token: string, parentId: string, name: string): Promise<string> {
    const data = await this.ok(`mutation($input: CreateSpokeInput!) { createSpoke(input: $input) { id } }`, { input: { parentId, name } }, token);
    return data.createSpoke.id;
  }

  /** Adds a new user with `role` at `tenantId`; returns their token. */
  async member(adminToken: string, tenantId: string, role: string): Promise<string> {
    const email = `${randomBytes(5).toString('hex')}@example.com`;
    await this.ok(
      `mutation($input: AddMemberInput!) { addMember(input: $input) { role } }`,
      { input: { tenantId, email, password: 'a long enough password', role } },
      adminToken,
    );
    const data = await this.ok(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: 'a long enough password' } });
    return data.login.token;
  }

  /** Waits until no job is queued or running and no outbox row or dirty mark is left. */
  async waitForIdle(timeoutMs = 30000): Promise<void> {
    const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
    const deadline = Date.now() + timeoutMs;
    try {
      while (Date.now() < deadline) {
        const [{ rows }, queued] = await Promise.all([
          this.db.query(`SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM kpi_rollup_dirty) AS pending`),
          redis ? this.queuedOnRedis(redis) : this.queuedOnPostgres(),
        ]);
        if (Number(rows[0].pending) === 0 && queued === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`queue not idle after ${timeoutMs} ms\n${this.output.slice(-3000)}`);
    } finally {
      redis?.disconnect();
    }
  }

  // Jobs of the events and rollups queues not finished yet (the maintenance queue always
  // holds its next scheduled sweep).
  private async queuedOnRedis(redis: Redis): Promise<number> {
    const counts = await Promise.all(
      ['events', 'rollups'].flatMap((queue) => [
        redis.llen(`${this.prefix}:${queue}:wait`),
        redis.llen(`${this.prefix}:${queue}:active`),
        redis.zcard(`${this.prefix}:${queue}:prioritized`),
        redis.zcard(`${this.prefix}:${queue}:delayed`),
      ]),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  private async queuedOnPostgres(): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT count(*)::int AS n FROM bullmq.job WHERE queue IN ('events', 'rollups') AND state IN ('waiting', 'active', 'delayed', 'waiting-children')`,
    );
    return rows[0].n;
  }

  /** A producer of `name` on this stack's queues, as the worker's role, closed after `fn`. */
  async withQueue<T>(name: string, fn: (queue: BullQueue) => Promise<T>): Promise<T> {
    const transport = createTransport({
      queue: redisUrl ? { backend: 'redis', redisUrl } : { backend: 'postgres' },
      prefix: this.prefix,
      databaseUrl: workerUrl(this.database),
      poolSize: 2,
    });
    try {
      return await fn(transport.queue(name));
    } finally {
      await transport.close();
    }
  }

  /** A WebSocket client of this stack's api (or of another api at `url`), closed when the stack stops. */
  socket(options: SocketOptions & { url?: string } = {}): Socket {
    const socket = openSocket(options.url ?? this.url, options);
    this.sockets.push(socket.client);
    return socket;
  }

  async stop(): Promise<void> {
    await Promise.all(this.sockets.map(async (client) => client.dispose()));
    await Promise.all(
      this.processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await this.db?.end();
    await dropDatabase(this.database);
    if (!redisUrl) return; // the queues were in the dropped database
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${this.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of its own, cloned from the run's migrated template, with the grants `npm run db:migrate` gives. */
export async function cloneDatabase(): Promise<string> {
  const database = testDatabaseName('db');
  await admin(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`);
  // A clone does not copy database-level grants.
  await restrictDatabase(ownerUrl(database), [appUrl(database), workerUrl(database)]);
  return database;
}

export function dropDatabase(database: string): Promise<void> {
  return admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/** The test databases' URLs: the owner (bypasses RLS) and the runtime roles. */
export const testUrls = { owner: ownerUrl, app: appUrl, worker: workerUrl };

/** The session a token names (its `sid` claim): for tests that enter it in the database directly. */
export function sessionOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sid;
}
