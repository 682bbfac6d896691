// The declared shape of the library's inputs, as the one pipe checks it before resolvers run.
import { DomainError, inputShapePipe } from '@pmo/core';
import { AddMilestoneInput } from './milestone/milestone.inputs';
import { CreateProjectInput, UpdateProjectInput } from './project/project.inputs';
import { SubmitStatusReportInput } from './status-report/status-report.inputs';

const pipe = inputShapePipe();

async function shape(metatype: new () => object, value: Record<string, unknown>): Promise<unknown> {
  try {
    return { ...(await pipe.transform(value, { type: 'body', metatype })) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.details?.field, message: error.message };
  }
}

const refused = (field: string, message?: RegExp) => ({
  code: 'BAD_USER_INPUT',
  field,
  message: message ? expect.stringMatching(message) : expect.any(String),
});

describe('project inputs', () => {
  const project = { tenantId: 'T', code: 'PRJ-1', name: 'Name' };

  it('takes codes of letters, digits, dots, dashes and underscores, up to 50, trimmed', async () => {
    for (const good of ['A', 'p-1', 'PRJ_2026.01', '9lives', 'x'.repeat(50)])
      expect(await shape(CreateProjectInput, { ...project, code: good })).toMatchObject({ code: good });
    expect(await shape(CreateProjectInput, { ...project, code: ' N-1 ' })).toMatchObject({ code: 'N-1' });
    for (const bad of ['', '-a', '.a', 'a b', 'a/b', 'é', 'x'.repeat(51)])
      expect(await shape(CreateProjectInput, { ...project, code: bad })).toEqual(refused('code'));
  });

  it('starts PROPOSED or ACTIVE only', async () => {
    expect(await shape(CreateProjectInput, { ...project, state: 'PROPOSED' })).toMatchObject({ state: 'PROPOSED' });
    expect(await shape(CreateProjectInput, { ...project, state: 'COMPLETED' })).toEqual(refused('state', /PROPOSED or ACTIVE/));
  });

  it('wants calendar dates and amounts of at least 0; a blank date is none', async () => {
    expect(await shape(CreateProjectInput, { ...project, startDate: '2026-02-30' })).toEqual(refused('startDate', /YYYY-MM-DD/));
    expect(await shape(CreateProjectInput, { ...project, startDate: '' })).toMatchObject({ startDate: null });
    expect(await shape(CreateProjectInput, { ...project, plannedBudget: -1 })).toEqual(refused('plannedBudget', /at least 0/));
    expect(await shape(CreateProjectInput, { ...project, actualCost: 0 })).toMatchObject({ actualCost: 0 });
  });

  it('lets an update leave out or clear optional fields, but never clear the name', async () => {
    expect(await shape(UpdateProjectInput, {})).toEqual({});
    expect(await shape(UpdateProjectInput, { name: null })).toEqual(refused('name', /cannot be cleared/));
    expect(await shape(UpdateProjectInput, { name: ' New ' })).toEqual({ name: 'New' });
    expect(await shape(UpdateProjectInput, { description: ' ', endDate: null, plannedBudget: null, currentPhase: null })).toEqual({
      description: null,
      endDate: null,
      plannedBudget: null,
      currentPhase: null,
    });
    expect(await shape(UpdateProjectInput, { currentPhase: ' ' })).toEqual(refused('currentPhase'));
  });
});

describe('milestone and status report inputs', () => {
  it('wants a due date that exists; a blank phase is none', async () => {
    expect(await shape(AddMilestoneInput, { projectId: 'P', name: 'Kick-off', dueDate: '2026-02-30' })).toEqual(refused('dueDate'));
    expect(await shape(AddMilestoneInput, { projectId: 'P', name: 'Kick-off', dueDate: '2026-02-28', phase: ' ' })).toMatchObject({ phase: null });
  });

  it('wants a reporting period and a summary', async () => {
    const report = { projectId: 'P', period: '2026-03', overall: 'GREEN', summary: 'Fine' };
    expect(await shape(SubmitStatusReportInput, report)).toMatchObject(report);
    expect(await shape(SubmitStatusReportInput, { ...report, period: '2026-13' })).toEqual(refused('period', /^period month must be 01 to 12$/));
    expect(await shape(SubmitStatusReportInput, { ...report, summary: ' ' })).toEqual(refused('summary'));
  });
});
