// Methodologies: phases ending in gates, milestone templates and a reporting cadence.
// Every published version is kept in methodology_versions (read directly by projects,
// which follow a fixed version); `methodologies` holds the current state.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { StandardStatus } from '@pmo/shared';
import { AuditService, badInput, checkText, groupByKeys, optionalText, requestLoader, requireUuid, TenantDb } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { checkMethodology, MethodologyDefinition } from '../validation';
import { CreateMethodologyInput, UpdateMethodologyInput } from './methodology.inputs';
import { MethodologyModel, MethodologyVersionModel } from './methodology.model';

const COLUMNS = `id, name, description, definition, status, version, updated_at AS "updatedAt",
  tenant_id AS "tenantId", org_id AS "orgId"`;

type Row = Omit<MethodologyModel, keyof MethodologyDefinition> & { definition: MethodologyDefinition };

const toModel = ({ definition, ...row }: Row): MethodologyModel => ({
  ...row,
  phases: definition.phases,
  milestones: definition.milestones,
  cadence: definition.cadence,
});

/** The methodology_versions.snapshot shape, and nothing else. */
const snapshotOf = (definition: MethodologyDefinition): MethodologyDefinition => ({
  phases: definition.phases.map((phase) => ({
    name: phase.name,
    gate: { name: phase.gate.name, deliverables: phase.gate.deliverables, approverRole: phase.gate.approverRole },
  })),
  milestones: definition.milestones.map((milestone) => ({ name: milestone.name, phase: milestone.phase, offsetDays: milestone.offsetDays })),
  cadence: { frequency: definition.cadence.frequency, dueDay: definition.cadence.dueDay },
});

@Injectable()
export class MethodologyService {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
  ) {}

  async find(id: string): Promise<MethodologyModel | null> {
    const key = requireUuid(id, 'id');
    return this.db.transaction(async (em) => {
      const [row]: Row[] = await em.query(`SELECT ${COLUMNS} FROM methodologies WHERE id = $1`, [key]);
      return row ? toModel(row) : null;
    });
  }

  /** In force at a tenant: all of its own, and its ancestors' published ones. */
  inForce(tenantId: string): Promise<MethodologyModel[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      const rows: Row[] = await em.query(
        `SELECT ${COLUMNS} FROM methodologies
          WHERE tenant_id = $1 OR (status = 'PUBLISHED' AND tenant_id = ANY ($2::uuid[]))
          ORDER BY array_position($2::uuid[], tenant_id), lower(name), id`,
        [tenant.id, tenant.path],
      );
      return rows.map(toModel);
    });
  }

  async create(input: CreateMethodologyInput): Promise<MethodologyModel> {
    const name = checkText(input.name, 'name');
    const description = optionalText(input.description, 'description', 2000);
    const definition = checkMethodology(input);
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, input.tenantId);
      const [row]: Row[] = await em.query(
        `INSERT INTO methodologies (id, org_id, tenant_id, name, description, definition)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [randomUUID(), owner.orgId, owner.id, name, description, JSON.stringify(snapshotOf(definition))],
      );
      const methodology = toModel(row);
      await this.record(em, methodology, 'create', undefined);
      return methodology;
    });
  }

  /** A draft changes in place; a published methodology is published again as its next version. */
  async update(input: UpdateMethodologyInput): Promise<MethodologyModel> {
    return this.db.transaction(async (em) => {
      const before = toModel(await this.owners.forChange<Row>(em, 'methodologies', input.id, 'Methodology', COLUMNS));
      if (before.status === StandardStatus.RETIRED) throw badInput('A retired methodology cannot be changed', { field: 'id' });
      const name = input.name === undefined || input.name === null ? before.name : checkText(input.name, 'name');
      const description = input.description === undefined ? before.description : optionalText(input.description, 'description', 2000);
      const definition = checkMethodology({
        phases: input.phases ?? before.phases,
        milestones: input.milestones ?? before.milestones,
        cadence: input.cadence ?? before.cadence,
      });
      const version = before.status === StandardStatus.PUBLISHED ? before.version + 1 : before.version;
      // UPDATE answers [rows, count].
      const [[row]]: [Row[], number] = await em.query(
        `UPDATE methodologies SET name = $2, description = $3, definition = $4, version = $5, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, name, description, JSON.stringify(snapshotOf(definition)), version],
      );
      const after = toModel(row);
      if (after.status === StandardStatus.PUBLISHED) await this.snapshot(em, after);
      await this.record(em, after, 'update', before);
      return after;
    });
  }

  async publish(id: string): Promise<MethodologyModel> {
    return this.db.transaction(async (em) => {
      const before = toModel(await this.owners.forChange<Row>(em, 'methodologies', id, 'Methodology', COLUMNS));
      if (before.status !== StandardStatus.DRAFT) throw badInput(`Only a draft can be published; this one is ${before.status}`, { field: 'id' });
      const after = await this.setStatus(em, before.id, StandardStatus.PUBLISHED);
      await this.snapshot(em, after);
      await this.record(em, after, 'publish', before);
      return after;
    });
  }

  async retire(id: string): Promise<MethodologyModel> {
    return this.db.transaction(async (em) => {
      const before = toModel(await this.owners.forChange<Row>(em, 'methodologies', id, 'Methodology', COLUMNS));
      if (before.status !== StandardStatus.PUBLISHED)
        throw badInput(`Only a published methodology can be retired; this one is ${before.status}`, { field: 'id' });
      const after = await this.setStatus(em, before.id, StandardStatus.RETIRED);
      await this.record(em, after, 'retire', before);
      return after;
    });
  }

  /** Published versions, newest first. */
  versions(methodologyId: string): Promise<MethodologyVersionModel[]> {
    return requestLoader<string, MethodologyVersionModel[]>('standards.methodologyVersions', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows: Array<{ methodologyId: string; version: number; name: string; publishedAt: Date; snapshot: MethodologyDefinition }> = await em.query(
            `SELECT methodology_id AS "methodologyId", version, name, published_at AS "publishedAt", snapshot
               FROM methodology_versions WHERE methodology_id = ANY ($1::uuid[]) ORDER BY version DESC`,
            [ids],
          );
          const versions = rows.map(({ snapshot, ...row }) => ({ ...row, ...snapshot }));
          return groupByKeys(ids, versions, (version) => version.methodologyId);
        },
        { fresh: true },
      ),
    ).load(methodologyId);
  }

  private async setStatus(em: EntityManager, id: string, status: StandardStatus): Promise<MethodologyModel> {
    const [[row]]: [Row[], number] = await em.query(`UPDATE methodologies SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
      id,
      status,
    ]);
    return toModel(row);
  }

  private async snapshot(em: EntityManager, methodology: MethodologyModel): Promise<void> {
    await em.query(`INSERT INTO methodology_versions (methodology_id, version, tenant_id, org_id, name, snapshot) VALUES ($1, $2, $3, $4, $5, $6)`, [
      methodology.id,
      methodology.version,
      methodology.tenantId,
      methodology.orgId,
      methodology.name,
      JSON.stringify(snapshotOf(methodology)),
    ]);
  }

  private record(em: EntityManager, after: MethodologyModel, action: string, before: MethodologyModel | undefined) {
    return this.audit.record(em, { tenantId: after.tenantId, orgId: after.orgId, entity: 'methodology', entityId: after.id, action, before, after });
  }
}
