// The one place that answers "may the caller do X on these tenants?", batched: one
// query for the tenants' paths, memberships loaded once per request.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@pmo/shared';
import { forbidden, notFound } from '../errors/domain-error';
import { MembershipRepository } from './membership.repository';
import { currentContext, MembershipGrant } from './request-context';
import { allows, effectiveRole, Permission } from './permissions';
import { TenantPath, TenantRepository } from './tenant.repository';

@Injectable()
export class AccessService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /**
   * The signed-in user's memberships (empty for jobs, which act for their tenant): kept
   * from entering the tenant context, read again after `invalidate`.
   */
  grants(em: EntityManager): Promise<MembershipGrant[]> {
    const context = currentContext();
    if (context.actor.kind !== 'user') return Promise.resolve([]);
    context.memberships ??= this.memberships.grantsOfCaller(em);
    return context.memberships;
  }

  /** Forgets cached memberships after the request changed them. */
  invalidate(): void {
    currentContext().memberships = undefined;
  }

  /** The caller's role at each tenant; NOT_FOUND for tenants the caller cannot see. */
  async roles(em: EntityManager, tenantIds: string[]): Promise<Map<string, Role | null>> {
    const unique = [...new Set(tenantIds)];
    const rows = await this.tenants.paths(em, unique);
    if (rows.length !== unique.length) throw notFound('Tenant');
    return this.rolesOnPaths(em, rows);
  }

  /** The caller's role at tenants whose paths the caller has already read. */
  private async rolesOnPaths(em: EntityManager, rows: TenantPath[]): Promise<Map<string, Role | null>> {
    const actor = currentContext().actor;
    const grants = await this.grants(em);
    return new Map(
      rows.map((row) => [
        row.id,
        // A job acting for a tenant may do anything inside that tenant's subtree.
        actor.kind === 'system' && row.path.includes(actor.tenantId) ? Role.ORG_ADMIN : effectiveRole(grants, row.path),
      ]),
    );
  }

  /**
   * Throws unless the caller holds `permission` on every tenant. A tenant the caller
   * cannot see at all is NOT_FOUND; an ancestor they see only by name is FORBIDDEN.
   */
  async require(em: EntityManager, permission: Permission, tenantIds: string[]): Promise<Map<string, Role | null>> {
    return this.check(await this.roles(em, tenantIds), permission);
  }

  /** `require`, for tenants whose paths the caller has already read (one query fewer). */
  async requireOnPaths(em: EntityManager, permission: Permission, tenants: TenantPath[]): Promise<Map<string, Role | null>> {
    return this.check(await this.rolesOnPaths(em, tenants), permission);
  }

  private check(roles: Map<string, Role | null>, permission: Permission): Map<string, Role | null> {
    for (const role of roles.values()) if (!allows(role, permission)) throw forbidden();
    return roles;
  }
}
