// Reported KPI values: one current value per project, KPI and period. Replacing or
// deleting a value copies the old row into kpi_value_history in the same transaction. A
// trigger marks the touched rollup nodes dirty in that transaction; after commit the
// node jobs are enqueued (the sweep re-enqueues what Redis did not take).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  checkPeriod,
  AuditService,
  badInput,
  currentContext,
  groupByKeys,
  isUuid,
  KPI_VALUES_CAP,
  notFound,
  Permission,
  requestLoader,
  requireUuid,
  RollupScheduler,
  TenantDb,
} from '@pmo/core';
import { RecordKpiValueInput } from './dto/project.inputs';
import { KpiValueModel, KpiValueVersionModel } from './models/kpi-value.model';
import { ProjectAccess } from './project-access';
import { KPI_VALUE_COLUMNS } from './project-rows';
import { CheckedValue, checkValueRows, isClosed, MAX_VALUE_BATCH, RowError, ValueKpi, ValueProject } from './rules';

/** A replaced or deleted value, as copied into kpi_value_history. */
interface HistoryRow {
  project_id: string;
  kpi_id: string;
  period: string;
  value: string;
  weight: string | null;
}

const nodeKey = (tenantId: string, kpiId: string, period: string) => `${tenantId}|${kpiId}|${period}`;

@Injectable()
export class KpiValueService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
    private readonly rollups: RollupScheduler,
  ) {}

  async record(input: RecordKpiValueInput): Promise<KpiValueModel> {
    requireUuid(input.projectId, 'projectId');
    // One value: a project the caller cannot see is NOT_FOUND, like any single lookup.
    const [value] = await this.write([input], (errors, projects) => {
      if (!projects.size) return notFound('Project');
      return badInput(errors[0].message, { field: errors[0].field });
    });
    return value;
  }

  /** All rows or none: any bad row fails the batch, with every bad row's reason. */
  async recordMany(inputs: RecordKpiValueInput[]): Promise<KpiValueModel[]> {
    if (inputs.length < 1 || inputs.length > MAX_VALUE_BATCH) throw badInput(`A batch holds 1 to ${MAX_VALUE_BATCH} values`, { field: 'inputs' });
    // Each bad row as the schema documents it: its index and what is wrong (the message names the field).
    const rows = (errors: RowError[]) => errors.map(({ index, message }) => ({ index, message }));
    return this.write(inputs, (errors) =>
      badInput(`${errors.length} of ${inputs.length} values cannot be recorded; nothing was written`, { rows: rows(errors) }),
    );
  }

  async delete(projectId: string, kpiKey: string, period: string): Promise<boolean> {
    checkPeriod(period);
    const actor = this.actorId();
    return this.db.transaction(async (em) => {
      const project = await this.projects.lock(em, projectId, Permission.REPORT, 'projectId');
      if (isClosed(project.state)) throw badInput(`The project is ${project.state} and no longer reports values`, { field: 'projectId' });
      const [kpi]: Array<{ id: string }> = await em.query('SELECT id FROM kpi_definitions WHERE org_id = $1 AND key = $2', [project.orgId, kpiKey]);
      if (!kpi) throw badInput(`KPI "${kpiKey}" does not exist`, { field: 'kpiKey' });
      const [old]: KpiValueModel[] = await em.query(
        `SELECT ${KPI_VALUE_COLUMNS} FROM kpi_values v WHERE v.project_id = $1 AND v.kpi_id = $2 AND v.period = $3 FOR UPDATE`,
        [project.id, kpi.id, period],
      );
      if (!old) return false;
      await this.keepHistory(em, [{ projectId: project.id, kpiId: kpi.id, period }], actor, 'DELETED');
      await em.query('DELETE FROM kpi_values WHERE project_id = $1 AND kpi_id = $2 AND period = $3', [project.id, kpi.id, period]);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'kpi_value',
        entityId: `${project.id}:${kpi.id}:${period}`,
        action: 'delete',
        before: { kpiKey, period, value: old.value, weight: old.weight },
      });
      this.enqueue(em, [nodeKey(project.tenantId, kpi.id, period)]);
      return true;
    });
  }

  async list(projectId: string, period: string | null | undefined): Promise<KpiValueModel[]> {
    const id = requireUuid(projectId, 'projectId');
    if (period) checkPeriod(period);
    return this.db.transaction((em) =>
      em.query(
        `SELECT ${KPI_VALUE_COLUMNS} FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
          WHERE v.project_id = $1 AND ($2::text IS NULL OR v.period = $2) ORDER BY v.period DESC, d.key LIMIT $3`,
        [id, period ?? null, KPI_VALUES_CAP],
      ),
    );
  }

  /** Batched: a list of values asking for their history costs one statement. */
  history(value: KpiValueModel): Promise<KpiValueVersionModel[]> {
    return requestLoader<string, KpiValueVersionModel[]>('projects.kpiValueHistory', (keys) =>
      this.db.transaction(
        async (em) => {
          const split = keys.map((key) => key.split('|'));
          const rows: Array<KpiValueVersionModel & { key: string }> = await em.query(
            `SELECT h.project_id || '|' || h.kpi_id || '|' || h.period AS key, h.value::float8 AS value, h.weight::float8 AS weight,
                  h.recorded_by AS "recordedBy", h.recorded_at AS "recordedAt", h.superseded_at AS "supersededAt",
                  h.superseded_by AS "supersededBy", h.action
             FROM kpi_value_history h JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS i (project_id, kpi_id, period)
               ON h.project_id = i.project_id AND h.kpi_id = i.kpi_id AND h.period = i.period
            ORDER BY h.id DESC`,
            [split.map((k) => k[0]), split.map((k) => k[1]), split.map((k) => k[2])],
          );
          return groupByKeys(keys, rows, (row) => row.key);
        },
        { fresh: true },
      ),
    ).load(`${value.projectId}|${value.kpiId}|${value.period}`);
  }

  private async write(
    inputs: RecordKpiValueInput[],
    failure: (errors: RowError[], projects: ReadonlyMap<string, ValueProject>) => Error,
  ): Promise<KpiValueModel[]> {
    const actor = this.actorId();
    return this.db.transaction(async (em) => {
      const projectIds = [
        ...new Set(
          inputs
            .map((row) => row.projectId)
            .filter(isUuid)
            .map((id) => id.toLowerCase()),
        ),
      ];
      // Lock the projects without joining their tenants: a join in a FOR UPDATE query
      // would drop a row that a concurrent move changed (the recheck compares it with the
      // old tenant's row); the path subquery is evaluated on the row as locked.
      const projects: ValueProject[] = await em.query(
        `SELECT p.id, p.tenant_id AS "tenantId", p.org_id AS "orgId", p.state,
                (SELECT t.path FROM tenants t WHERE t.id = p.tenant_id) AS path
           FROM projects p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
        [projectIds],
      );
      const byProject = new Map(projects.map((project) => [project.id, project]));
      const tenants = new Map(projects.map((project) => [project.tenantId, { id: project.tenantId, path: project.path }]));
      await this.access.requireOnPaths(em, Permission.REPORT, [...tenants.values()]);

      const orgIds = [...new Set(projects.map((project) => project.orgId))];
      const keys = [...new Set(inputs.map((row) => row.kpiKey))];
      const kpis: ValueKpi[] = await em.query(
        `SELECT id, org_id AS "orgId", key, tenant_id AS "tenantId", status, aggregation
           FROM kpi_definitions WHERE org_id = ANY($1::uuid[]) AND key = ANY($2::text[])`,
        [orgIds, keys],
      );
      const byKey = new Map(kpis.map((kpi) => [`${kpi.orgId}|${kpi.key}`, kpi]));

      const { rows, errors } = checkValueRows(inputs, byProject, byKey);
      if (errors.length) throw failure(errors, byProject);

      const replaced = await this.keepHistory(em, rows, actor, 'REPLACED');
      const written: KpiValueModel[] = await em.query(
        `INSERT INTO kpi_values AS v (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by)
         SELECT i.project_id, i.kpi_id, i.period, i.tenant_id, i.org_id, i.value, i.weight, $8
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::numeric[], $7::numeric[])
                AS i (project_id, kpi_id, period, tenant_id, org_id, value, weight)
         -- One order for every writer: their dirty marks are locked in the same sequence.
         ORDER BY i.tenant_id, i.kpi_id, i.period, i.project_id
         ON CONFLICT (project_id, kpi_id, period) DO UPDATE
           SET value = EXCLUDED.value, weight = EXCLUDED.weight, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
         RETURNING ${KPI_VALUE_COLUMNS}`,
        [
          rows.map((row) => row.projectId),
          rows.map((row) => row.kpiId),
          rows.map((row) => row.period),
          rows.map((row) => row.tenantId),
          rows.map((row) => row.orgId),
          rows.map((row) => row.value),
          rows.map((row) => row.weight),
          actor,
        ],
      );
      await this.recordAudit(em, rows, replaced, kpis);
      this.enqueue(
        em,
        rows.map((row) => nodeKey(row.tenantId, row.kpiId, row.period)),
      );
      const byRow = new Map(written.map((value) => [`${value.projectId}|${value.kpiId}|${value.period}`, value]));
      return rows.map((row) => byRow.get(`${row.projectId}|${row.kpiId}|${row.period}`) as KpiValueModel);
    });
  }

  /** Copies the current rows about to be replaced or deleted into the history. */
  private keepHistory(
    em: EntityManager,
    rows: Array<Pick<CheckedValue, 'projectId' | 'kpiId' | 'period'>>,
    actor: string | null,
    action: 'REPLACED' | 'DELETED',
  ): Promise<HistoryRow[]> {
    return em.query(
      `INSERT INTO kpi_value_history (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by, recorded_at, superseded_by, action)
       SELECT v.project_id, v.kpi_id, v.period, v.tenant_id, v.org_id, v.value, v.weight, v.recorded_by, v.recorded_at, $4, $5
         FROM kpi_values v JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS i (project_id, kpi_id, period)
           ON v.project_id = i.project_id AND v.kpi_id = i.kpi_id AND v.period = i.period
       RETURNING project_id, kpi_id, period, value::text, weight::text`,
      [rows.map((row) => row.projectId), rows.map((row) => row.kpiId), rows.map((row) => row.period), actor, action],
    );
  }

  /** One audit entry per project: the values it reported and those they replaced. */
  private async recordAudit(em: EntityManager, rows: CheckedValue[], replaced: HistoryRow[], kpis: ValueKpi[]): Promise<void> {
    const keyOf = new Map(kpis.map((kpi) => [kpi.id, kpi.key]));
    const perProject = new Map<string, CheckedValue[]>();
    for (const row of rows) perProject.set(row.projectId, [...(perProject.get(row.projectId) ?? []), row]);
    for (const [projectId, projectRows] of perProject) {
      const first = projectRows[0];
      const before = replaced
        .filter((old) => old.project_id === projectId)
        .map((old) => ({ kpiKey: keyOf.get(old.kpi_id), period: old.period, value: old.value, weight: old.weight }));
      await this.audit.record(em, {
        tenantId: first.tenantId,
        orgId: first.orgId,
        entity: 'kpi_value',
        entityId: projectId,
        action: 'record',
        before: before.length ? before : undefined,
        after: projectRows.map((row) => ({ kpiKey: keyOf.get(row.kpiId), period: row.period, value: row.value, weight: row.weight })),
      });
    }
  }

  private enqueue(em: EntityManager, nodes: string[]): void {
    this.rollups.scheduleAfterCommit(
      em,
      [...new Set(nodes)].map((node) => {
        const [tenantId, kpiId, period] = node.split('|');
        return { tenantId, kpiId, period };
      }),
    );
  }

  private actorId(): string | null {
    const actor = currentContext().actor;
    return actor.kind === 'user' ? actor.userId : null;
  }
}
