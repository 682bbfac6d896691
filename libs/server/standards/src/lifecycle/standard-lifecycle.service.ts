// The standards lifecycle, one implementation for KPI definitions, methodologies and
// document templates: each plugs in with its table (LifecycleStandard) and brings its own
// rules for what it holds; creating, revising, publishing, retiring, reading what is in
// force at a tenant and its published versions are the same for all.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { StandardStatus } from '@pmo/shared';
import { AuditService, groupByKeys, requestLoader, TenantDb } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { LifecycleStep, statusAfter, versionAfterEdit } from './lifecycle';
import { LifecycleRepository } from './lifecycle.repository';
import { LifecycleStandard, VersionedStandard } from './standard';
import { StandardEntity, StandardFields } from './standard.entity';

/** How NOT_FOUND names a standard. */
const subject = (standard: { noun: string }) => standard.noun.charAt(0).toUpperCase() + standard.noun.slice(1);

@Injectable()
export class StandardLifecycle {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
    private readonly standards: LifecycleRepository,
  ) {}

  /** A standard the caller can see: anything in their subtrees, or an ancestor's once published. */
  find<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, id: string): Promise<M | null> {
    return this.db.transaction(async (em) => {
      const row = await this.standards.find(em, standard, id);
      return row ? standard.toModel(row) : null;
    });
  }

  /** The standards in force at a tenant: all of its own, and its ancestors' published ones. */
  inForce<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, tenantId: string): Promise<M[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      const rows = await this.standards.inForce(em, standard, tenant);
      return rows.map((row) => standard.toModel(row));
    });
  }

  /** A new DRAFT at the tenant, once the caller may manage standards there. */
  create<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, tenantId: string, fields: StandardFields<E>): Promise<M> {
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, tenantId);
      const values = { ...fields, id: randomUUID(), orgId: owner.orgId, tenantId: owner.id } as QueryDeepPartialEntity<E> & Pick<E, 'id'>;
      const created = await this.standards.insert(em, standard, values);
      const model = standard.toModel(created);
      await this.record(em, standard, created, 'create', undefined, model);
      return model;
    });
  }

  /**
   * Changes a standard as `edit` (its own rules, given the locked current row) says: a
   * draft in place, a published standard as its next version, published at once.
   */
  revise<E extends StandardEntity, M, V extends object, VM>(
    standard: LifecycleStandard<E, M, V, VM>,
    id: string,
    edit: (current: E) => Partial<StandardFields<E>>,
  ): Promise<M> {
    return this.db.transaction(async (em) => {
      const current = await this.owners.forChange(em, standard.entity, id, subject(standard));
      standard.checkChangeable?.(current);
      const version = versionAfterEdit(current.status, current.version, standard.noun);
      const changes = { ...edit(current), version } as Partial<E>;
      return this.write(em, standard, current, changes, 'update');
    });
  }

  publish<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, id: string): Promise<M> {
    return this.step(standard, id, 'publish');
  }

  retire<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, id: string): Promise<M> {
    return this.step(standard, id, 'retire');
  }

  /** Published versions, newest first, batched per request. */
  versions<E extends StandardEntity, M, V extends object, VM>(standard: VersionedStandard<E, M, V, VM>, id: string): Promise<VM[]> {
    const { versions } = standard;
    return requestLoader<string, VM[]>(`standards.${standard.audit}.versions`, (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await this.standards.versions(em, versions, ids);
          return groupByKeys(ids, rows, (row) => row[versions.standardId] as string).map((list) => list.map((row) => versions.toModel(row)));
        },
        { fresh: true },
      ),
    ).load(id);
  }

  private step<E extends StandardEntity, M, V extends object, VM>(standard: LifecycleStandard<E, M, V, VM>, id: string, step: LifecycleStep): Promise<M> {
    return this.db.transaction(async (em) => {
      const current = await this.owners.forChange(em, standard.entity, id, subject(standard));
      standard.checkChangeable?.(current);
      const status = statusAfter(step, current.status, standard.noun);
      return this.write(em, standard, current, { status } as Partial<E>, step);
    });
  }

  /** Writes a change; a standard published by it is kept as a version. */
  private async write<E extends StandardEntity, M, V extends object, VM>(
    em: EntityManager,
    standard: LifecycleStandard<E, M, V, VM>,
    current: E,
    changes: Partial<E>,
    action: string,
  ): Promise<M> {
    const after = await this.standards.update(em, standard, current, changes);
    if (after.status === StandardStatus.PUBLISHED && standard.versions) await this.standards.insertVersion(em, standard.versions, standard.versions.of(after));
    const model = standard.toModel(after);
    await this.record(em, standard, after, action, standard.toModel(current), model);
    return model;
  }

  private record<E extends StandardEntity, M>(em: EntityManager, standard: { audit: string }, row: E, action: string, before: M | undefined, after: M) {
    return this.audit.record(em, { tenantId: row.tenantId, orgId: row.orgId, entity: standard.audit, entityId: row.id, action, before, after });
  }
}
