// The checks on reported KPI values that need no data beyond what the write has loaded:
// each row's project, KPI, period, value and weight, and a batch's repeated rows.
import { KpiAggregation, ProjectState, StandardStatus } from '@pmo/shared';
import { periodProblem } from '@pmo/core';
import { isClosed } from '../project/project.rules';

export const MAX_VALUE_BATCH = 5000;

export interface ValueRowInput {
  projectId: string;
  kpiKey: string;
  period: string;
  value: number;
  weight?: number | null;
}

export interface ValueRowContext {
  kpiKey: string;
  kpi: { status: StandardStatus; aggregation: KpiAggregation; inForce: boolean; builtIn: boolean } | null;
  project: { state: ProjectState } | null;
}

/**
 * The largest magnitude a reported value or weight may have. Far beyond any real KPI,
 * and small enough that sums over any subtree stay exact in numeric and showable as a
 * double: two values near the double's limit would add up to a figure no client can read.
 */
export const MAX_VALUE_MAGNITUDE = 1e15;

/** What is wrong with a reported value, and the input field that holds it. */
export interface ValueProblem {
  field: 'projectId' | 'kpiKey' | 'period' | 'value' | 'weight';
  message: string;
}

/** Why one reported value cannot be recorded, or null when it can. */
export function valueRowProblem(row: Pick<ValueRowInput, 'period' | 'value' | 'weight'>, context: ValueRowContext): ValueProblem | null {
  const problem = (field: ValueProblem['field'], message: string): ValueProblem => ({ field, message });
  if (!context.project) return problem('projectId', 'Project not found');
  if (isClosed(context.project.state)) return problem('projectId', `The project is ${context.project.state} and no longer reports values`);
  const period = periodProblem(row.period);
  if (period) return problem('period', period);
  if (!Number.isFinite(row.value) || Math.abs(row.value) > MAX_VALUE_MAGNITUDE) {
    return problem('value', 'value must be a finite number from -1e15 to 1e15');
  }
  const { kpi, kpiKey } = context;
  if (!kpi) return problem('kpiKey', `KPI "${kpiKey}" does not exist`);
  if (kpi.builtIn) return problem('kpiKey', `KPI "${kpiKey}" is built in: the system records its values`);
  if (kpi.status === StandardStatus.DRAFT) return problem('kpiKey', `KPI "${kpiKey}" is a draft: only published KPIs take values`);
  if (kpi.status === StandardStatus.RETIRED) return problem('kpiKey', `KPI "${kpiKey}" is retired`);
  if (!kpi.inForce) return problem('kpiKey', `KPI "${kpiKey}" does not apply to this project's tenant`);
  const hasWeight = row.weight !== undefined && row.weight !== null;
  if (hasWeight && (!Number.isFinite(row.weight) || (row.weight as number) <= 0 || (row.weight as number) > MAX_VALUE_MAGNITUDE)) {
    return problem('weight', 'weight must be a finite number greater than 0 and at most 1e15');
  }
  if (kpi.aggregation === KpiAggregation.WEIGHTED_AVG && !hasWeight) return problem('weight', `KPI "${kpiKey}" is a weighted average: weight is required`);
  return null;
}

/**
 * A problem with the value's own fields (period, value, weight), whatever it reports on:
 * decided before any data is read, as against a published KPI in force on an open project.
 */
export function inputProblem(row: Pick<ValueRowInput, 'period' | 'value' | 'weight'>): ValueProblem | null {
  return valueRowProblem(row, {
    kpiKey: '',
    project: { state: ProjectState.ACTIVE },
    kpi: { status: StandardStatus.PUBLISHED, aggregation: KpiAggregation.SUM, inForce: true, builtIn: false },
  });
}

export interface ValueProject {
  id: string;
  orgId: string;
  tenantId: string;
  state: ProjectState;
  /** The project tenant's path, root first: the KPIs in force are owned along it. */
  path: string[];
}

export interface ValueKpi {
  id: string;
  orgId: string;
  key: string;
  tenantId: string;
  status: StandardStatus;
  aggregation: KpiAggregation;
  /** Kept by the system (compliance): never reported by hand. */
  builtIn: boolean;
  /** Compliance counts whether it has a value in each period. */
  mandatory: boolean;
}

export interface CheckedValue {
  projectId: string;
  kpiId: string;
  period: string;
  tenantId: string;
  orgId: string;
  /** Exact decimal text for a numeric column. */
  value: string;
  weight: string | null;
}

export interface RowError {
  index: number;
  /** The input field at fault; none for a row that repeats an earlier one. */
  field?: ValueProblem['field'];
  message: string;
}

/**
 * Checks a batch of reported values against the projects and KPIs they name (those the
 * caller can see): every bad row gets a reason, and a row repeating an earlier row's
 * project, KPI and period is refused, since a batch is one write.
 */
export function checkValueRows(
  inputs: readonly ValueRowInput[],
  projects: ReadonlyMap<string, ValueProject>,
  kpis: ReadonlyMap<string, ValueKpi>,
): { rows: CheckedValue[]; errors: RowError[] } {
  const rows: CheckedValue[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const project = projects.get(input.projectId.toLowerCase());
    const kpi = project ? kpis.get(`${project.orgId}|${input.kpiKey}`) : undefined;
    const problem = valueRowProblem(input, {
      kpiKey: input.kpiKey,
      project: project ?? null,
      kpi: kpi && project ? { status: kpi.status, aggregation: kpi.aggregation, inForce: project.path.includes(kpi.tenantId), builtIn: kpi.builtIn } : null,
    });
    if (problem || !project || !kpi) return void errors.push({ index, ...(problem as ValueProblem) });
    const key = `${project.id}|${kpi.id}|${input.period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return void errors.push({ index, message: `Row ${earlier} already reports this project, KPI and period` });
    seen.set(key, index);
    rows.push({
      projectId: project.id,
      kpiId: kpi.id,
      period: input.period,
      tenantId: project.tenantId,
      orgId: project.orgId,
      value: String(input.value),
      weight: input.weight === undefined || input.weight === null ? null : String(input.weight),
    });
  });
  return { rows, errors };
}

/**
 * The values that can move their project's compliance. Compliance counts a KPI value only
 * by its being there for a mandatory KPI, so a value replacing another, or any value of a
 * KPI that is not mandatory, cannot (pmo_record_kpi_value decides a single value alike).
 */
export function movingCompliance(
  rows: readonly CheckedValue[],
  kpis: readonly ValueKpi[],
  replaced: readonly { project_id: string; kpi_id: string; period: string }[],
): CheckedValue[] {
  const mandatory = new Set(kpis.filter((kpi) => kpi.mandatory).map((kpi) => kpi.id));
  const replacedKeys = new Set(replaced.map((old) => `${old.project_id}|${old.kpi_id}|${old.period}`));
  return rows.filter((row) => mandatory.has(row.kpiId) && !replacedKeys.has(`${row.projectId}|${row.kpiId}|${row.period}`));
}
