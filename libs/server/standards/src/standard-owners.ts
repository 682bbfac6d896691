// What every standard shares: an owner tenant, shown to descendants by identity only,
// and one rule for changing it: the caller manages standards at the owner. A spoke may
// add its own standards but never change an ancestor's.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, notFound, Permission, TenantModel, TenantReader } from '@pmo/core';
import { Owned, OwnedTable, OwnerTenant, StandardOwnersRepository } from './standard-owners.repository';

@Injectable()
export class StandardOwners {
  constructor(
    private readonly access: AccessService,
    private readonly tenants: TenantReader,
    private readonly owners: StandardOwnersRepository,
  ) {}

  /** A visible standard's owner: its own tenant or an ancestor, so always visible too. */
  owner(tenantId: string): Promise<TenantModel> {
    return this.tenants.load(tenantId) as Promise<TenantModel>;
  }

  /** The tenant a new standard will belong to, once the caller may manage standards there. */
  forCreate(em: EntityManager, tenantId: string): Promise<OwnerTenant> {
    return this.tenant(em, tenantId, Permission.MANAGE_STANDARDS);
  }

  /** A tenant whose standards in force the caller may read. */
  forRead(em: EntityManager, tenantId: string): Promise<OwnerTenant> {
    return this.tenant(em, tenantId, Permission.READ);
  }

  /**
   * The standard's row, locked, once the caller may manage standards at its owner: one
   * they cannot see is NOT_FOUND, an ancestor's they can see is FORBIDDEN.
   */
  async forChange<E extends Owned>(em: EntityManager, table: OwnedTable<E>, id: string, what: string): Promise<E> {
    const owner = await this.owners.ownerOf(em, table, id);
    if (!owner) throw notFound(what);
    await this.access.requireOnPaths(em, Permission.MANAGE_STANDARDS, [owner]);
    const row = await this.owners.lock(em, table, id);
    if (!row) throw notFound(what);
    return row;
  }

  private async tenant(em: EntityManager, id: string, permission: Permission): Promise<OwnerTenant> {
    const tenant = await this.owners.tenant(em, id);
    if (!tenant) throw notFound('Tenant');
    await this.access.requireOnPaths(em, permission, [tenant]);
    return tenant;
  }
}
