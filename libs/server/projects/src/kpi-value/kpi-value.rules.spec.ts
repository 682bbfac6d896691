import { KpiAggregation, ProjectState, StandardStatus } from '@pmo/shared';
import { checkValueRows, inputProblem, MAX_VALUE_MAGNITUDE, movingCompliance, valueRowProblem } from './kpi-value.rules';

describe('reported values', () => {
  const kpi = { status: StandardStatus.PUBLISHED, aggregation: KpiAggregation.SUM, inForce: true, builtIn: false };
  const project = { state: ProjectState.ACTIVE };
  const row = { period: '2026-03', value: 4 };
  const context = { kpiKey: 'cost', kpi, project };

  it('accepts a published KPI in force on an open project', () => {
    expect(valueRowProblem(row, context)).toBeNull();
    expect(valueRowProblem({ ...row, weight: 2 }, context)).toBeNull();
  });

  it('finds the problems of a value’s own fields before any data is read, and only those', () => {
    expect(inputProblem(row)).toBeNull();
    expect(inputProblem({ ...row, weight: 2 })).toBeNull();
    expect(inputProblem({ ...row, period: '2026-13' })?.field).toBe('period');
    expect(inputProblem({ ...row, value: Number.NaN })?.field).toBe('value');
    expect(inputProblem({ ...row, value: MAX_VALUE_MAGNITUDE * 2 })?.field).toBe('value');
    expect(inputProblem({ ...row, weight: 0 })?.field).toBe('weight');
  });

  const problem = (...args: Parameters<typeof valueRowProblem>) => valueRowProblem(...args)?.message;
  const field = (...args: Parameters<typeof valueRowProblem>) => valueRowProblem(...args)?.field;

  it('names what is wrong, and in which field', () => {
    expect(valueRowProblem(row, { ...context, project: null })).toEqual({ field: 'projectId', message: 'Project not found' });
    expect(problem(row, { ...context, project: { state: ProjectState.COMPLETED } })).toMatch(/COMPLETED/);
    expect(problem(row, { ...context, project: { state: ProjectState.CANCELLED } })).toMatch(/CANCELLED/);
    expect(valueRowProblem({ ...row, period: '2026-13' }, context)).toEqual({ field: 'period', message: expect.stringMatching(/month/) });
    expect(valueRowProblem({ ...row, value: Number.NaN }, context)).toEqual({ field: 'value', message: expect.stringMatching(/finite/) });
    expect(problem({ ...row, value: Number.POSITIVE_INFINITY }, context)).toMatch(/finite/);
    expect(valueRowProblem(row, { ...context, kpi: null })).toEqual({ field: 'kpiKey', message: expect.stringMatching(/does not exist/) });
    expect(problem(row, { ...context, kpi: { ...kpi, status: StandardStatus.DRAFT } })).toMatch(/draft/);
    expect(problem(row, { ...context, kpi: { ...kpi, status: StandardStatus.RETIRED } })).toMatch(/retired/);
    expect(problem(row, { ...context, kpi: { ...kpi, inForce: false } })).toMatch(/does not apply/);
    expect(valueRowProblem(row, { ...context, kpiKey: 'compliance', kpi: { ...kpi, builtIn: true } })).toEqual({
      field: 'kpiKey',
      message: expect.stringMatching(/built in/),
    });
  });

  it('bounds values and weights to ±1e15, so no sum overflows what a client can read', () => {
    for (const value of [MAX_VALUE_MAGNITUDE, -MAX_VALUE_MAGNITUDE, 0, 5e-324]) expect(valueRowProblem({ ...row, value }, context)).toBeNull();
    for (const value of [1.7e308, -1.7e308, 1.0000000000000002e15, -1e16]) {
      expect(valueRowProblem({ ...row, value }, context)).toEqual({ field: 'value', message: 'value must be a finite number from -1e15 to 1e15' });
    }
    expect(valueRowProblem({ ...row, weight: MAX_VALUE_MAGNITUDE }, context)).toBeNull();
    expect(valueRowProblem({ ...row, weight: 1.7e308 }, context)).toEqual({ field: 'weight', message: expect.stringMatching(/at most 1e15/) });
  });

  it('wants a positive weight for weighted averages', () => {
    const weighted = { ...context, kpi: { ...kpi, aggregation: KpiAggregation.WEIGHTED_AVG } };
    expect(valueRowProblem(row, weighted)).toEqual({ field: 'weight', message: expect.stringMatching(/weight is required/) });
    expect(problem({ ...row, weight: 0 }, weighted)).toMatch(/greater than 0/);
    expect(problem({ ...row, weight: -1 }, weighted)).toMatch(/greater than 0/);
    expect(valueRowProblem({ ...row, weight: 0.5 }, weighted)).toBeNull();
    expect(field({ ...row, weight: -1 }, context)).toBe('weight');
  });
});

describe('value batches', () => {
  const hub = '00000000-0000-4000-8000-000000000001';
  const spoke = '00000000-0000-4000-8000-000000000002';
  const sibling = '00000000-0000-4000-8000-000000000003';
  const org = hub;
  const projectId = '00000000-0000-4000-8000-0000000000aa';
  const projects = new Map([[projectId, { id: projectId, orgId: org, tenantId: spoke, state: ProjectState.ACTIVE, path: [hub, spoke] }]]);
  const kpi = (key: string, tenantId: string, aggregation = KpiAggregation.SUM, status = StandardStatus.PUBLISHED) =>
    [`${org}|${key}`, { id: `kpi-${key}`, orgId: org, key, tenantId, status, aggregation, builtIn: false, mandatory: key === 'cost' }] as const;
  const kpis = new Map([
    kpi('cost', hub),
    kpi('cpi', spoke, KpiAggregation.WEIGHTED_AVG),
    kpi('theirs', sibling),
    kpi('draft', hub, KpiAggregation.SUM, StandardStatus.DRAFT),
  ]);
  const row = (extra: Record<string, unknown> = {}) => ({ projectId, kpiKey: 'cost', period: '2026-01', value: 1, ...extra });

  it('turns valid rows into exact decimal text for their project and KPI', () => {
    const { rows, errors } = checkValueRows([row({ value: 0.1 }), row({ kpiKey: 'cpi', value: 1e-7, weight: 2.5 })], projects, kpis);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { projectId, kpiId: 'kpi-cost', period: '2026-01', tenantId: spoke, orgId: org, value: '0.1', weight: null },
      { projectId, kpiId: 'kpi-cpi', period: '2026-01', tenantId: spoke, orgId: org, value: '1e-7', weight: '2.5' },
    ]);
  });

  it('asks compliance about a mandatory KPI’s first values only', () => {
    const { rows } = checkValueRows([row(), row({ period: '2026-02' }), row({ kpiKey: 'cpi', weight: 1 }), row({ period: '2026-03' })], projects, kpis);
    // cost is mandatory, cpi is not; cost's value of 2026-02 replaces one.
    const replaced = [{ project_id: projectId, kpi_id: 'kpi-cost', period: '2026-02' }];
    expect(movingCompliance(rows, [...kpis.values()], replaced).map((each) => `${each.kpiId} ${each.period}`)).toEqual([
      'kpi-cost 2026-01',
      'kpi-cost 2026-03',
    ]);
  });

  it('names every bad row by index, including repeats of an earlier row', () => {
    const { errors } = checkValueRows(
      [
        row(),
        row({ projectId: '00000000-0000-4000-8000-0000000000bb' }),
        row({ kpiKey: 'theirs' }),
        row({ kpiKey: 'draft' }),
        row({ kpiKey: 'cpi' }),
        row({ period: '2026-00' }),
        row({ value: 2 }),
        row({ projectId: projectId.toUpperCase() }),
        row({ period: '2026-02' }),
        row({ period: '2026-03', value: 2e15 }),
      ],
      projects,
      kpis,
    );
    expect(errors.map((error) => error.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(errors[0].message).toMatch(/Project not found/);
    expect(errors[1].message).toMatch(/does not apply/);
    expect(errors[2].message).toMatch(/draft/);
    expect(errors[3].message).toMatch(/weight is required/);
    expect(errors[4].message).toMatch(/month/);
    expect(errors[5].message).toBe('Row 0 already reports this project, KPI and period');
    expect(errors[6]).toEqual({ index: 7, message: 'Row 0 already reports this project, KPI and period' });
    expect(errors[7]).toEqual({ index: 9, field: 'value', message: 'value must be a finite number from -1e15 to 1e15' });
  });
});
