// The middle test tier: repositories against the real PostgreSQL, no HTTP. Each test file
// clones the run's migrated template database, seeds organizations, tenants and users as
// the owner (a superuser: RLS does not apply to it, so it also shows what the app role
// must not see), and runs repository methods in transactions entered exactly as requests
// and jobs enter them (signed context through the database's entry functions).
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@pmo/shared';
import { Actor, enterTenantContext, RequestContext, runWithContext } from '@pmo/core';
import { loadEntities } from './load';
import { appUrl, ownerUrl, templateDb, testDatabaseName, workerUrl } from './urls';

export interface SeededTenant {
  id: string;
  orgId: string;
  path: string[];
}

export interface SeededUser {
  id: string;
  sessionId: string;
  actor: Actor;
}

export class RepositoryTestDb {
  private constructor(
    readonly database: string,
    /** The owner: sees and writes everything (RLS does not apply to it). */
    readonly owner: DataSource,
    private readonly app: DataSource,
    private readonly worker: DataSource,
  ) {}

  static async create(): Promise<RepositoryTestDb> {
    const database = testDatabaseName('repo');
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`);
    await admin.end();
    const entities = await loadEntities();
    const open = (url: string) => new DataSource({ type: 'postgres', url, entities, extra: { max: 2 } }).initialize();
    return new RepositoryTestDb(database, await open(ownerUrl(database)), await open(appUrl(database)), await open(workerUrl(database)));
  }

  async close(): Promise<void> {
    await Promise.all([this.owner.destroy(), this.app.destroy(), this.worker.destroy()]);
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
    await admin.end();
  }

  /** A new organization's hub. */
  async hub(name = 'Hub'): Promise<SeededTenant> {
    const id = randomUUID();
    await this.owner.query(`INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $1, NULL, 'HUB', $2, 0, ARRAY[$1::uuid])`, [
      id,
      name,
    ]);
    return { id, orgId: id, path: [id] };
  }

  /** A spoke under `parent`. */
  async spoke(parent: SeededTenant, name = `Spoke ${randomUUID().slice(0, 8)}`): Promise<SeededTenant> {
    const id = randomUUID();
    const path = [...parent.path, id];
    await this.owner.query(`INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $2, $3, 'SPOKE', $4, $5, $6::uuid[])`, [
      id,
      parent.orgId,
      parent.id,
      name,
      path.length - 1,
      path,
    ]);
    return { id, orgId: parent.orgId, path };
  }

  /** A user with an open session and these memberships. */
  async user(memberships: Array<[SeededTenant, Role]> = []): Promise<SeededUser> {
    const id = randomUUID();
    const sessionId = randomUUID();
    await this.owner.query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, 'unused')`, [id, `${id}@example.com`]);
    for (const [tenant, role] of memberships) {
      await this.owner.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $3, $4)`, [id, tenant.id, tenant.orgId, role]);
    }
    await this.owner.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [sessionId, id]);
    return { id, sessionId, actor: { kind: 'user', userId: id, sessionId } };
  }

  /** Runs fn in an app-role transaction entered as `user`, as a request does (RLS in force). */
  as<T>(user: SeededUser, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.enter(this.app, user.actor, fn);
  }

  /** Runs fn in a worker-role transaction acting for `tenant`, as a job does. */
  asSystem<T>(tenant: SeededTenant, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.enter(this.worker, { kind: 'system', tenantId: tenant.id }, fn);
  }

  private enter<T>(dataSource: DataSource, actor: Actor, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const context: RequestContext = { requestId: randomUUID(), actor };
    return runWithContext(context, () =>
      dataSource.transaction(async (em) => {
        await enterTenantContext(em, actor, context);
        return fn(em);
      }),
    );
  }
}
