// The status report repository and the RLS policies of status_reports and
// status_report_history: a caller submits and reads the reports of projects it sees, the
// history only grows, and nothing of a sibling spoke's shows.
import { randomUUID } from 'node:crypto';
import { Rag, Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { ProjectEntity } from '../project/project.entity';
import { seedProject } from '../testing/seed';
import { StatusReportHistoryEntity } from './status-report-history.entity';
import { StatusReportEntity } from './status-report.entity';
import { NewStatusReport, StatusReportRepository } from './status-report.repository';

describe('StatusReportRepository', () => {
  const reports = new StatusReportRepository();
  let db: RepositoryTestDb;
  let north: SeededTenant;
  let south: SeededTenant;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;
  let project: ProjectEntity;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    const hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[await db.hub('Globex'), Role.ORG_ADMIN]]);
    project = await seedProject(db, north);
  });
  afterAll(() => db.close());

  const report = (period: string, overall: Rag, extra: Partial<NewStatusReport> = {}): NewStatusReport => ({
    id: randomUUID(),
    projectId: project.id,
    tenantId: north.id,
    orgId: north.orgId,
    period,
    overall,
    schedule: null,
    cost: null,
    scope: null,
    summary: `${overall} in ${period}`,
    nextSteps: null,
    submittedBy: northLead.id,
    ...extra,
  });

  it('submits a period’s report, and a later submission replaces it keeping its id and the text it replaced', async () => {
    const first = report('2026-03', Rag.AMBER, { schedule: Rag.RED });
    await db.as(northLead, (em) => reports.submit(em, first));
    const submitted = await db.as(northLead, (em) => reports.findForPeriod(em, project.id, '2026-03'));
    expect(submitted).toMatchObject({ id: first.id, overall: Rag.AMBER, schedule: Rag.RED, summary: 'AMBER in 2026-03' });

    await db.as(northLead, async (em) => {
      const locked = await reports.lockForPeriod(em, project.id, '2026-03');
      expect(locked?.id).toBe(first.id);
      await reports.keepHistory(em, first.id, northLead.id);
      await reports.submit(em, report('2026-03', Rag.GREEN, { id: randomUUID() }));
    });
    const replaced = await db.as(northLead, (em) => reports.findForPeriod(em, project.id, '2026-03'));
    expect(replaced).toMatchObject({ id: first.id, overall: Rag.GREEN, schedule: null, summary: 'GREEN in 2026-03' });
    expect(replaced?.submittedAt.getTime()).toBeGreaterThanOrEqual(submitted?.submittedAt.getTime() as number);
    const history = await db.as(northLead, (em) => reports.historyOf(em, [first.id]));
    expect(history.map((h) => [h.reportId, h.overall, h.schedule, h.summary, h.supersededBy])).toEqual([
      [first.id, Rag.AMBER, Rag.RED, 'AMBER in 2026-03', northLead.id],
    ]);
    expect(await db.as(northLead, (em) => reports.lockForPeriod(em, project.id, '2026-04'))).toBeNull();
  });

  it('lists a project’s reports latest first, and each project’s latest report', async () => {
    const other = await seedProject(db, north);
    await db.as(northLead, async (em) => {
      await reports.submit(em, report('2026-01', Rag.RED));
      await reports.submit(em, report('2026-02', Rag.GREEN, { projectId: other.id }));
    });
    expect((await db.as(northLead, (em) => reports.listByProject(em, project.id))).map((r) => r.period)).toEqual(['2026-03', '2026-01']);
    const latest = await db.as(northLead, (em) => reports.latestByProjects(em, [project.id, other.id, randomUUID()]));
    expect(latest.map((r) => [r.projectId, r.period]).sort()).toEqual(
      [
        [project.id, '2026-03'],
        [other.id, '2026-02'],
      ].sort(),
    );
  });

  it('shows nothing of a project the caller cannot see, and writes nothing there', async () => {
    for (const user of [southLead, stranger]) {
      expect(await db.as(user, (em) => reports.listByProject(em, project.id))).toEqual([]);
      expect(await db.as(user, (em) => reports.latestByProjects(em, [project.id]))).toEqual([]);
      expect(await db.as(user, (em) => reports.findForPeriod(em, project.id, '2026-03'))).toBeNull();
      expect(await db.as(user, (em) => reports.lockForPeriod(em, project.id, '2026-03'))).toBeNull();
      expect(await db.as(user, (em) => em.find(StatusReportHistoryEntity))).toEqual([]);
    }
    expect(await db.owner.getRepository(StatusReportEntity).countBy({ projectId: project.id })).toBe(2);
    expect(await db.owner.getRepository(StatusReportHistoryEntity).countBy({ projectId: project.id })).toBe(1);
    await expect(db.as(southLead, (em) => reports.submit(em, report('2026-05', Rag.RED)))).rejects.toMatchObject({ code: '42501' });
    // Copying a report the caller cannot see copies nothing.
    const [kept] = await db.owner.getRepository(StatusReportEntity).findBy({ projectId: project.id, period: '2026-01' });
    await db.as(southLead, (em) => reports.keepHistory(em, kept.id, southLead.id));
    expect(await db.owner.getRepository(StatusReportHistoryEntity).countBy({ projectId: project.id })).toBe(1);
  });

  it('keeps the history append-only', async () => {
    await expect(db.as(northLead, (em) => em.update(StatusReportHistoryEntity, { projectId: project.id }, { summary: 'forged' }))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(northLead, (em) => em.delete(StatusReportHistoryEntity, { projectId: project.id }))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(northLead, (em) => em.delete(StatusReportEntity, { projectId: project.id }))).rejects.toMatchObject({ code: '42501' });
  });
});
