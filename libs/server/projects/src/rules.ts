// The projects library's pure rules, unit-tested: input formats, the project life cycle,
// milestone status, list paging and the checks on reported KPI values.
import { KpiAggregation, ProjectState, StandardStatus } from '@pmo/shared';
import { badInput, periodProblem } from '@pmo/core';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkCode(code: string): string {
  const value = code.trim();
  if (!CODE.test(value)) {
    throw badInput('code must be 1 to 50 letters, digits, dots, dashes or underscores, starting with a letter or digit', { field: 'code' });
  }
  return value;
}

/** A calendar date YYYY-MM-DD that exists. */
export function checkDate(value: string, field: string): string {
  const match = DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value || Number(match[1]) < 1900 || Number(match[1]) > 2200) {
    throw badInput(`${field} must be a date YYYY-MM-DD`, { field });
  }
  return value;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** An amount of money: finite and not negative, kept exact as text for numeric. */
export function checkAmount(value: number | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (!Number.isFinite(value) || value < 0) throw badInput(`${field} must be a finite amount of at least 0`, { field });
  return String(value);
}

export function checkDateRange(start: string | null, end: string | null): void {
  if (start && end && end < start) throw badInput('endDate must not be before startDate', { field: 'endDate' });
}

const TRANSITIONS: Record<ProjectState, readonly ProjectState[]> = {
  [ProjectState.PROPOSED]: [ProjectState.ACTIVE, ProjectState.CANCELLED],
  [ProjectState.ACTIVE]: [ProjectState.ON_HOLD, ProjectState.COMPLETED, ProjectState.CANCELLED],
  [ProjectState.ON_HOLD]: [ProjectState.ACTIVE, ProjectState.CANCELLED],
  [ProjectState.COMPLETED]: [],
  [ProjectState.CANCELLED]: [],
};

export function mayTransition(from: ProjectState, to: ProjectState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function checkTransition(from: ProjectState, to: ProjectState): void {
  if (!mayTransition(from, to)) throw badInput(`A project cannot go from ${from} to ${to}`, { field: 'to' });
}

/** Completed and cancelled projects are closed: they report nothing more. */
export function isClosed(state: ProjectState): boolean {
  return TRANSITIONS[state].length === 0;
}

export function checkInitialState(state: ProjectState | null | undefined): ProjectState {
  const value = state ?? ProjectState.ACTIVE;
  if (value !== ProjectState.ACTIVE && value !== ProjectState.PROPOSED) {
    throw badInput('A project starts PROPOSED or ACTIVE', { field: 'state' });
  }
  return value;
}

export enum MilestoneStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  LATE = 'LATE',
}

/** `today` is YYYY-MM-DD: a milestone is late from the day after its due date. */
export function milestoneStatus(dueDate: string, completedOn: string | null, today: string): MilestoneStatus {
  if (completedOn) return MilestoneStatus.DONE;
  return dueDate < today ? MilestoneStatus.LATE : MilestoneStatus.OPEN;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return size;
}

/** `%`, `_` and `\` match themselves in an ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

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
  kpi: { status: StandardStatus; aggregation: KpiAggregation; inForce: boolean } | null;
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
      kpi: kpi && project ? { status: kpi.status, aggregation: kpi.aggregation, inForce: project.path.includes(kpi.tenantId) } : null,
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
