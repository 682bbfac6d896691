// What every standard shares: an owner tenant, shown to descendants by identity only,
// and one rule for changing it: the caller manages standards at the owner. A spoke may
// add its own standards but never change an ancestor's.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, conflict, notFound, Permission, requireUuid, TenantModel, TenantReader } from '@pmo/core';

export type StandardTable = 'kpi_definitions' | 'methodologies' | 'document_templates' | 'glossary_terms';

export interface OwnerTenant {
  id: string;
  orgId: string;
  /** Ancestors root first, then the tenant itself. */
  path: string[];
}

@Injectable()
export class StandardOwners {
  constructor(
    private readonly access: AccessService,
    private readonly tenants: TenantReader,
  ) {}

  /** A visible standard's owner: its own tenant or an ancestor, so always visible too. */
  owner(tenantId: string): Promise<TenantModel> {
    return this.tenants.load(tenantId) as Promise<TenantModel>;
  }

  /** The tenant a new standard will belong to, once the caller may manage standards there. */
  async forCreate(em: EntityManager, tenantId: string): Promise<OwnerTenant> {
    const id = requireUuid(tenantId, 'tenantId');
    await this.access.require(em, Permission.MANAGE_STANDARDS, [id]);
    return this.tenant(em, id);
  }

  /** A tenant whose standards in force the caller may read. */
  async forRead(em: EntityManager, tenantId: string): Promise<OwnerTenant> {
    const id = requireUuid(tenantId, 'tenantId');
    await this.access.require(em, Permission.READ, [id]);
    return this.tenant(em, id);
  }

  /**
   * The standard's row, locked, once the caller may manage standards at its owner: one
   * they cannot see is NOT_FOUND, an ancestor's they can see is FORBIDDEN.
   */
  async forChange<Row>(em: EntityManager, table: StandardTable, id: string, what: string, columns: string): Promise<Row> {
    const key = requireUuid(id, 'id');
    const [seen]: Array<{ tenant_id: string }> = await em.query(`SELECT tenant_id FROM ${table} WHERE id = $1`, [key]);
    if (!seen) throw notFound(what);
    await this.access.require(em, Permission.MANAGE_STANDARDS, [seen.tenant_id]);
    const [row]: Row[] = await em.query(`SELECT ${columns} FROM ${table} WHERE id = $1 FOR UPDATE`, [key]);
    if (!row) throw notFound(what);
    return row;
  }

  private async tenant(em: EntityManager, id: string): Promise<OwnerTenant> {
    const [tenant]: OwnerTenant[] = await em.query('SELECT id, org_id AS "orgId", path FROM tenants WHERE id = $1', [id]);
    if (!tenant) throw notFound('Tenant');
    return tenant;
  }
}

/** Runs a write whose unique constraint may refuse it, reporting CONFLICT with `message`. */
export async function unique<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw conflict(message);
    throw error;
  }
}
