// Brings a database to the current schema: creates it when missing, runs pending
// migrations as the owner, and makes sure the runtime login role exists and holds the
// app's grants (pmo_app_rw) and nothing more.
import { Client } from 'pg';
import { createDataSource } from './data-source';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

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
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await tolerateExisting(client.query(`CREATE DATABASE ${quoteIdent(name)}`));
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

export async function ensureAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  const password = decodeURIComponent(app.password);
  await withClient(ownerUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) {
      const secret = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
      await tolerateExisting(client.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOBYPASSRLS${secret}`));
    }
    await client.query(`GRANT pmo_app_rw TO ${quoteIdent(role)}`);
    const name = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(name)} TO ${quoteIdent(role)}`);
  });
}

export async function bootstrapDatabase(ownerUrl: string, appUrl: string): Promise<string[]> {
  await createDatabaseIfMissing(ownerUrl);
  const applied = await runMigrations(ownerUrl);
  await ensureAppRole(ownerUrl, appUrl);
  return applied;
}
