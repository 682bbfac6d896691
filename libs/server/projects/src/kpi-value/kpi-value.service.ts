// Reported KPI values: one current value per project, KPI and period. Replacing or
// deleting a value copies the old row into kpi_value_history in the same transaction. A
// trigger marks the touched rollup nodes dirty in that transaction; after commit a rollup
// tick is enqueued (the sweep enqueues one for what the queue did not take). A single
// value, the hot path, is written by one statement in one round trip.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  AfterCommitJobs,
  AuditService,
  badInput,
  byKeys,
  checkPeriod,
  ComplianceFeed,
  currentContext,
  forbidden,
  groupByKeys,
  isUuid,
  KPI_VALUES_CAP,
  KpiDefinitionModel,
  notFound,
  Permission,
  requestLoader,
  RollupScheduler,
  ROLES_BY_RANK,
  rolesWith,
  TenantDb,
} from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import { ProjectAccess } from '../project/project-access';
import { isClosed } from '../project/project.rules';
import { RecordKpiValueInput } from './kpi-value.inputs';
import { kpiValueModel, KpiValueModel, KpiValueVersionModel } from './kpi-value.model';
import { KpiValueRepository, ValueKey } from './kpi-value.repository';
import { CheckedValue, checkValueRows, inputProblem, MAX_VALUE_BATCH, movingCompliance, RowError, ValueKpi, ValueProject } from './kpi-value.rules';
import { HistoryRow, RecordedValueRow } from './kpi-value.sql';

const nodeKey = (tenantId: string, kpiId: string, period: string) => `${tenantId}|${kpiId}|${period}`;
const valueKey = ({ projectId, kpiId, period }: ValueKey) => `${projectId}|${kpiId}|${period}`;
const CLOSED_STATES = Object.values(ProjectState).filter(isClosed);
const REPORTERS = rolesWith(Permission.REPORT);

@Injectable()
export class KpiValueService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
    private readonly values: KpiValueRepository,
    private readonly rollups: RollupScheduler,
    private readonly compliance: ComplianceFeed,
    private readonly afterCommit: AfterCommitJobs,
  ) {}

  async record(input: RecordKpiValueInput): Promise<KpiValueModel> {
    const { actor } = currentContext();
    // A value with a bad field of its own (rare) takes the batch path, whose checks name the first problem in the rules' order.
    if (actor.kind === 'user' && isUuid(input.projectId) && !inputProblem(input)) {
      const written = await this.recordInOneStatement(actor, input);
      if (written) return written;
    }
    // One value: a project the caller cannot see is NOT_FOUND, like any single lookup.
    const [value] = await this.write([input], (errors, projects) => {
      if (!projects.size) return notFound('Project');
      return badInput(errors[0].message, { field: errors[0].field });
    });
    return value;
  }

  /**
   * The single write in one round trip; null when the statement refused a value that the
   * rules here find nothing wrong with (they decide: the batch path then writes or refuses it).
   */
  private async recordInOneStatement(actor: { userId: string; sessionId: string }, input: RecordKpiValueInput): Promise<KpiValueModel | null> {
    const projectId = input.projectId.toLowerCase();
    const event = this.compliance.event(projectId, input.period);
    return this.db.statement(async (em) => {
      const row = await this.values.recordOne(em, {
        sessionId: actor.sessionId,
        userId: actor.userId,
        projectId,
        kpiKey: input.kpiKey,
        period: input.period,
        value: String(input.value),
        weight: input.weight === undefined || input.weight === null ? null : String(input.weight),
        rolesByRank: ROLES_BY_RANK,
        reporters: REPORTERS,
        closedStates: CLOSED_STATES,
        eventJob: event.job.name,
        event: event.payload,
      });
      if (row.outcome === 'not_found') throw notFound('Project');
      if (row.outcome === 'forbidden') throw forbidden();
      const project = { id: projectId, tenantId: row.tenantId, orgId: row.orgId, state: row.state, path: row.path } as ValueProject;
      if (row.outcome === 'refused') {
        const kpis = new Map(row.kpiId ? [[`${row.kpiOrgId}|${input.kpiKey}`, refusedKpi(row, input.kpiKey)]] : []);
        const [error] = checkValueRows([input], new Map([[projectId, project]]), kpis).errors;
        if (error) throw badInput(error.message, { field: error.field });
        return null;
      }
      const kpiId = row.kpiId as string;
      this.enqueue(em, [nodeKey(project.tenantId, kpiId, input.period)]);
      if (row.evaluate) this.afterCommit.add(em, event.job, [{ ...event.payload, tenantId: project.tenantId }]);
      const { value, weight, recordedBy, recordedAt } = row;
      return { projectId, kpiId, period: input.period, value, weight, recordedBy, recordedAt } as KpiValueModel;
    });
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
      const project = await this.projects.lock(em, projectId, Permission.REPORT);
      if (isClosed(project.state)) throw badInput(`The project is ${project.state} and no longer reports values`, { field: 'projectId' });
      const [kpi] = await this.values.kpisByKeys(em, [project.orgId], [kpiKey]);
      if (!kpi) throw badInput(`KPI "${kpiKey}" does not exist`, { field: 'kpiKey' });
      if (kpi.builtIn) throw badInput(`KPI "${kpiKey}" is built in: the system records its values`, { field: 'kpiKey' });
      const key = { projectId: project.id, kpiId: kpi.id, period };
      const locked = await this.values.lock(em, key);
      if (!locked) return false;
      const old = kpiValueModel(locked);
      await this.values.keepHistory(em, [key], actor, 'DELETED');
      await this.values.delete(em, key);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'kpi_value',
        entityId: `${project.id}:${kpi.id}:${period}`,
        action: 'delete',
        before: { kpiKey, period, value: old.value, weight: old.weight },
      });
      this.enqueue(em, [nodeKey(project.tenantId, kpi.id, period)]);
      await this.compliance.changed(em, [{ orgId: project.orgId, tenantId: project.tenantId, projectId: project.id, period }]);
      return true;
    });
  }

  async list(projectId: string, period: string | null | undefined): Promise<KpiValueModel[]> {
    if (period) checkPeriod(period);
    return this.db.transaction((em) => this.values.list(em, projectId, period ?? null, KPI_VALUES_CAP));
  }

  /** Batched: a list of values asking for their history costs one statement. */
  history(value: KpiValueModel): Promise<KpiValueVersionModel[]> {
    return requestLoader<string, KpiValueVersionModel[]>('projects.kpiValueHistory', (keys) =>
      this.db.transaction(
        async (em) => {
          const split = keys.map((key) => key.split('|')).map(([projectId, kpiId, period]) => ({ projectId, kpiId, period }));
          return groupByKeys(keys, await this.values.historyOf(em, split), (row) => row.key);
        },
        { fresh: true },
      ),
    ).load(valueKey(value));
  }

  /** Batched per request, like `history`. */
  kpi(kpiId: string): Promise<KpiDefinitionModel | null> {
    return requestLoader<string, KpiDefinitionModel | null>('projects.kpi', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.values.kpiDefinitions(em, ids), (row) => row.id), { fresh: true }),
    ).load(kpiId);
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
      const projects = await this.values.lockProjects(em, projectIds);
      const byProject = new Map(projects.map((project) => [project.id, project]));
      const tenants = new Map(projects.map((project) => [project.tenantId, { id: project.tenantId, path: project.path }]));
      await this.access.requireOnPaths(em, Permission.REPORT, [...tenants.values()]);

      const orgIds = [...new Set(projects.map((project) => project.orgId))];
      const keys = [...new Set(inputs.map((row) => row.kpiKey))];
      const kpis = await this.values.kpisByKeys(em, orgIds, keys);
      const byKey = new Map(kpis.map((kpi) => [`${kpi.orgId}|${kpi.key}`, kpi]));

      const { rows, errors } = checkValueRows(inputs, byProject, byKey);
      if (errors.length) throw failure(errors, byProject);

      const replaced = await this.values.keepHistory(em, rows, actor, 'REPLACED');
      const written = await this.values.write(em, rows, actor);
      await this.recordAudit(em, rows, replaced, kpis);
      this.enqueue(
        em,
        rows.map((row) => nodeKey(row.tenantId, row.kpiId, row.period)),
      );
      await this.compliance.changed(
        em,
        movingCompliance(rows, kpis, replaced).map(({ orgId, tenantId, projectId, period }) => ({ orgId, tenantId, projectId, period })),
      );
      const byRow = new Map(written.map((value) => [valueKey(value), value]));
      return rows.map((row) => byRow.get(valueKey(row)) as KpiValueModel);
    });
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

/** The KPI the one-statement write found, as the batch path's checks take it. */
const refusedKpi = (row: RecordedValueRow, key: string) =>
  ({
    id: row.kpiId,
    orgId: row.kpiOrgId,
    key,
    tenantId: row.kpiTenantId,
    status: row.kpiStatus,
    aggregation: row.kpiAggregation,
    builtIn: row.kpiBuiltIn,
  }) as ValueKpi;
