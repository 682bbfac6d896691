// KPI definitions: create as a draft, publish, revise (a published definition keeps every
// version it had), retire. Aggregation and direction are fixed once created, so values
// reported under any version stay comparable.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { StandardStatus } from '@pmo/shared';
import { AuditService, badInput, checkText, groupByKeys, KPI_DEFINITION_COLUMNS, optionalText, requestLoader, requireUuid, TenantDb } from '@pmo/core';
import { StandardOwners, unique } from '../standard-owners';
import { checkKey, checkThresholds } from '../validation';
import { CreateKpiDefinitionInput, UpdateKpiDefinitionInput } from './kpi-definition.inputs';
import { KpiDefinitionModel, KpiDefinitionVersionModel } from './kpi-definition.model';

type Snapshot = Omit<KpiDefinitionVersionModel, 'version' | 'publishedAt' | 'kpiId'>;

const snapshotOf = (kpi: KpiDefinitionModel): Snapshot => ({
  key: kpi.key,
  name: kpi.name,
  description: kpi.description,
  unit: kpi.unit,
  aggregation: kpi.aggregation,
  direction: kpi.direction,
  greenThreshold: kpi.greenThreshold,
  amberThreshold: kpi.amberThreshold,
  mandatory: kpi.mandatory,
});

@Injectable()
export class KpiDefinitionService {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
  ) {}

  /** A definition the caller can see: anything in their subtrees, or an ancestor's once published. */
  async find(id: string): Promise<KpiDefinitionModel | null> {
    const key = requireUuid(id, 'id');
    return this.db.transaction(async (em) => {
      const [row] = await em.query(`SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions WHERE id = $1`, [key]);
      return (row as KpiDefinitionModel | undefined) ?? null;
    });
  }

  /** The standards in force at a tenant: all of its own, and its ancestors' published ones. */
  inForce(tenantId: string): Promise<KpiDefinitionModel[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      return em.query(
        `SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions
          WHERE tenant_id = $1 OR (status = 'PUBLISHED' AND tenant_id = ANY ($2::uuid[]))
          ORDER BY array_position($2::uuid[], tenant_id), key`,
        [tenant.id, tenant.path],
      );
    });
  }

  async create(input: CreateKpiDefinitionInput): Promise<KpiDefinitionModel> {
    const key = checkKey(input.key);
    const name = checkText(input.name, 'name');
    const description = optionalText(input.description, 'description', 2000);
    const unit = optionalText(input.unit, 'unit', 50);
    const thresholds = checkThresholds(input.direction, input.greenThreshold, input.amberThreshold);
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, input.tenantId);
      const [kpi]: KpiDefinitionModel[] = await unique(
        em.query(
          `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, description, unit, aggregation, direction,
             green_threshold, amber_threshold, mandatory)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${KPI_DEFINITION_COLUMNS}`,
          [
            randomUUID(),
            owner.orgId,
            owner.id,
            key,
            name,
            description,
            unit,
            input.aggregation,
            input.direction,
            thresholds.greenThreshold,
            thresholds.amberThreshold,
            input.mandatory ?? false,
          ],
        ),
        `A KPI with key "${key}" already exists in this organization`,
      );
      await this.record(em, kpi, 'create', undefined, kpi);
      return kpi;
    });
  }

  /** A draft changes in place; a published definition becomes its next version at once. */
  async update(input: UpdateKpiDefinitionInput): Promise<KpiDefinitionModel> {
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<KpiDefinitionModel>(em, 'kpi_definitions', input.id, 'KPI definition', KPI_DEFINITION_COLUMNS);
      if (before.status === StandardStatus.RETIRED) throw badInput('A retired KPI definition cannot be changed', { field: 'id' });
      const thresholds = checkThresholds(
        before.direction,
        input.greenThreshold === undefined ? before.greenThreshold : input.greenThreshold,
        input.amberThreshold === undefined ? before.amberThreshold : input.amberThreshold,
      );
      const next = {
        name: input.name === undefined || input.name === null ? before.name : checkText(input.name, 'name'),
        description: input.description === undefined ? before.description : optionalText(input.description, 'description', 2000),
        unit: input.unit === undefined ? before.unit : optionalText(input.unit, 'unit', 50),
        mandatory: input.mandatory ?? before.mandatory,
        ...thresholds,
        version: before.status === StandardStatus.PUBLISHED ? before.version + 1 : before.version,
      };
      // UPDATE answers [rows, count].
      const [[after]]: [KpiDefinitionModel[], number] = await em.query(
        `UPDATE kpi_definitions SET name = $2, description = $3, unit = $4, mandatory = $5, green_threshold = $6,
           amber_threshold = $7, version = $8, updated_at = now()
         WHERE id = $1 RETURNING ${KPI_DEFINITION_COLUMNS}`,
        [before.id, next.name, next.description, next.unit, next.mandatory, next.greenThreshold, next.amberThreshold, next.version],
      );
      if (after.status === StandardStatus.PUBLISHED) await this.snapshot(em, after);
      await this.record(em, after, 'update', before, after);
      return after;
    });
  }

  async publish(id: string): Promise<KpiDefinitionModel> {
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<KpiDefinitionModel>(em, 'kpi_definitions', id, 'KPI definition', KPI_DEFINITION_COLUMNS);
      if (before.status !== StandardStatus.DRAFT) throw badInput(`Only a draft can be published; this one is ${before.status}`, { field: 'id' });
      const after = await this.setStatus(em, before.id, StandardStatus.PUBLISHED);
      await this.snapshot(em, after);
      await this.record(em, after, 'publish', before, after);
      return after;
    });
  }

  async retire(id: string): Promise<KpiDefinitionModel> {
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<KpiDefinitionModel>(em, 'kpi_definitions', id, 'KPI definition', KPI_DEFINITION_COLUMNS);
      if (before.status !== StandardStatus.PUBLISHED)
        throw badInput(`Only a published KPI definition can be retired; this one is ${before.status}`, { field: 'id' });
      const after = await this.setStatus(em, before.id, StandardStatus.RETIRED);
      await this.record(em, after, 'retire', before, after);
      return after;
    });
  }

  /** Published versions, newest first. */
  versions(kpiId: string): Promise<KpiDefinitionVersionModel[]> {
    return requestLoader<string, KpiDefinitionVersionModel[]>('standards.kpiVersions', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows: Array<{ kpiId: string; version: number; publishedAt: Date; snapshot: Snapshot }> = await em.query(
            `SELECT kpi_id AS "kpiId", version, created_at AS "publishedAt", snapshot FROM kpi_definition_versions
            WHERE kpi_id = ANY ($1::uuid[]) ORDER BY version DESC`,
            [ids],
          );
          const versions = rows.map(({ snapshot, ...row }) => ({ ...snapshot, ...row }));
          return groupByKeys(ids, versions, (version) => version.kpiId);
        },
        { fresh: true },
      ),
    ).load(kpiId);
  }

  private async setStatus(em: EntityManager, id: string, status: StandardStatus): Promise<KpiDefinitionModel> {
    const [[row]]: [KpiDefinitionModel[], number] = await em.query(
      `UPDATE kpi_definitions SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${KPI_DEFINITION_COLUMNS}`,
      [id, status],
    );
    return row;
  }

  private async snapshot(em: EntityManager, kpi: KpiDefinitionModel): Promise<void> {
    await em.query('INSERT INTO kpi_definition_versions (kpi_id, version, org_id, tenant_id, snapshot) VALUES ($1, $2, $3, $4, $5)', [
      kpi.id,
      kpi.version,
      kpi.orgId,
      kpi.tenantId,
      JSON.stringify(snapshotOf(kpi)),
    ]);
  }

  private record(em: EntityManager, kpi: KpiDefinitionModel, action: string, before: KpiDefinitionModel | undefined, after: KpiDefinitionModel) {
    return this.audit.record(em, { tenantId: kpi.tenantId, orgId: kpi.orgId, entity: 'kpi_definition', entityId: kpi.id, action, before, after });
  }
}
