// Brings a database to the current schema: creates it when missing, runs pending
// migrations as the owner (the app's, then BullMQ's for its PostgreSQL backend), and
// makes sure the runtime login roles exist and hold their grants and nothing more.
import { runMigrations as runQueueMigrations } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@pmo/shared';
import { QUEUE_SCHEMA } from '../queue/postgres-transport';
import {
  createDatabase,
  createLoginRole,
  createQueueSequence,
  DATABASE_EXISTS,
  grantConnect,
  grantQueueSchema,
  grantRole,
  queueSequenceName,
  revokeTemporary,
  ROLE_EXISTS,
  setRoleSetting,
} from './bootstrap.sql';
import { createDataSource } from './data-source';
import { runOn } from './sql';

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Ignores "already exists" races between processes bootstrapping at once. */
async function tolerateExisting(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '42710' && code !== '23505') throw error;
  }
}

export async function createDatabaseIfMissing(ownerUrl: string): Promise<void> {
  const target = new URL(ownerUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(ownerUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    const [found] = await runOn(client, DATABASE_EXISTS, [name]);
    if (!found) await tolerateExisting(runOn(client, createDatabase(name), []));
  });
}

export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = createDataSource(ownerUrl, 1);
  await dataSource.initialize();
  try {
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * BullMQ's PostgreSQL backend lives in its own schema, brought up to date by BullMQ's
 * migrator (which runs its own transaction, hence not a TypeORM migration). Migrated
 * whichever backend this deployment runs, so switching REDIS_URL on or off needs no
 * other step. The runtime roles get what the backend's functions use (they run with the
 * caller's rights): the schema, its tables' rows, its sequences and functions, and
 * nothing that creates objects. BullMQ makes a job-id sequence on a queue's first add,
 * which would need CREATE on the schema, so the owner makes one per queue here instead
 * (a queue added to QueueName gets its sequence at the next migration).
 */
export async function migrateQueueSchema(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    await runQueueMigrations(client, QUEUE_SCHEMA);
    for (const queue of Object.values(QueueName)) {
      const [{ name }] = await runOn(client, queueSequenceName(QUEUE_SCHEMA), [queue]);
      await runOn(client, createQueueSequence(QUEUE_SCHEMA, name), []);
    }
    await runOn(client, grantQueueSchema(QUEUE_SCHEMA, 'pmo_app_rw'), []);
  });
}

/** Limits that hold for every statement of a runtime role, whatever the process asks. */
const RUNTIME_ROLE_SETTINGS = {
  api: { statement_timeout: '5s', idle_in_transaction_session_timeout: '15s' },
  worker: { statement_timeout: '120s', idle_in_transaction_session_timeout: '60s' },
};

/**
 * Makes sure the runtime login roles exist with the grants of their group (pmo_app_rw for
 * the api, pmo_worker_rw for the worker) and nothing more, that their statements time
 * out, and that nobody but the owner creates temporary objects in the database (a
 * temporary table or function cannot then shadow anything).
 */
export async function ensureRuntimeRoles(ownerUrl: string, appUrl: string, workerUrl: string): Promise<void> {
  const roles = [
    { url: appUrl, group: 'pmo_app_rw', settings: RUNTIME_ROLE_SETTINGS.api },
    { url: workerUrl, group: 'pmo_worker_rw', settings: RUNTIME_ROLE_SETTINGS.worker },
  ];
  await withClient(ownerUrl, async (client) => {
    for (const { url, group, settings } of roles) {
      const parsed = new URL(url);
      const role = decodeURIComponent(parsed.username);
      const password = decodeURIComponent(parsed.password);
      const [found] = await runOn(client, ROLE_EXISTS, [role]);
      if (!found) await tolerateExisting(runOn(client, createLoginRole(role, password), []));
      await runOn(client, grantRole(group, role), []);
      for (const [name, value] of Object.entries(settings)) await runOn(client, setRoleSetting(role, name, value), []);
    }
  });
  await restrictDatabase(ownerUrl, [appUrl, workerUrl]);
}

/**
 * The database's own grants (a copy made with CREATE DATABASE … TEMPLATE does not
 * inherit them): the runtime roles may connect, and nobody but the owner may create
 * temporary objects.
 */
export async function restrictDatabase(ownerUrl: string, runtimeUrls: string[]): Promise<void> {
  const database = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  await withClient(ownerUrl, async (client) => {
    for (const url of runtimeUrls) await runOn(client, grantConnect(database, decodeURIComponent(new URL(url).username)), []);
    await runOn(client, revokeTemporary(database), []);
  });
}

export async function bootstrapDatabase(ownerUrl: string, appUrl: string, workerUrl: string): Promise<string[]> {
  await createDatabaseIfMissing(ownerUrl);
  const applied = await runMigrations(ownerUrl);
  await migrateQueueSchema(ownerUrl);
  await ensureRuntimeRoles(ownerUrl, appUrl, workerUrl);
  return applied;
}
