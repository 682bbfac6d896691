// The milestone repository and the RLS policy of milestones: a caller adds, completes and
// reads the milestones of projects it sees, nothing of a sibling spoke's.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { ProjectEntity } from '../project/project.entity';
import { seedProject } from '../testing/seed';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneRepository, NewMilestone } from './milestone.repository';

describe('MilestoneRepository', () => {
  const milestones = new MilestoneRepository();
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

  const milestone = (name: string, dueDate: string, extra: Partial<NewMilestone> = {}): NewMilestone => ({
    id: randomUUID(),
    projectId: project.id,
    tenantId: north.id,
    orgId: north.orgId,
    name,
    phase: null,
    dueDate,
    ...extra,
  });
  const owned = () => db.owner.getRepository(MilestoneEntity);

  it('adds milestones at once and reads each project’s soonest first', async () => {
    const late = milestone('Go live', '2026-03-21', { phase: 'Deliver' });
    const soon = milestone('Charter', '2026-02-03');
    await db.as(northLead, (em) => milestones.insert(em, [late, soon]));
    await db.as(northLead, (em) => milestones.insert(em, []));
    const other = await seedProject(db, north);
    const listed = await db.as(northLead, (em) => milestones.byProjects(em, [project.id, other.id]));
    expect(listed.map((m) => [m.name, m.dueDate, m.phase, m.completedOn])).toEqual([
      ['Charter', '2026-02-03', null, null],
      ['Go live', '2026-03-21', 'Deliver', null],
    ]);
    expect(await db.as(northLead, (em) => milestones.findById(em, late.id))).toMatchObject({ id: late.id, projectId: project.id, dueDate: '2026-03-21' });
  });

  it('completes a milestone on a date', async () => {
    const due = milestone('Review', '2026-04-01');
    await db.as(northLead, (em) => milestones.insert(em, [due]));
    await db.as(northLead, (em) => milestones.complete(em, due.id, '2026-04-02'));
    expect((await owned().findOneByOrFail({ id: due.id })).completedOn).toBe('2026-04-02');
  });

  it('shows and changes nothing of a project the caller cannot see', async () => {
    const hidden = milestone('Hidden', '2026-05-01');
    await owned().insert(hidden);
    for (const user of [southLead, stranger]) {
      expect(await db.as(user, (em) => milestones.findById(em, hidden.id))).toBeNull();
      expect(await db.as(user, (em) => milestones.byProjects(em, [project.id]))).toEqual([]);
      await db.as(user, (em) => milestones.complete(em, hidden.id, '2026-05-02'));
    }
    expect((await owned().findOneByOrFail({ id: hidden.id })).completedOn).toBeNull();
    await expect(db.as(southLead, (em) => milestones.insert(em, [milestone('Sneaky', '2026-05-01')]))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(northLead, (em) => em.delete(MilestoneEntity, { id: hidden.id }))).rejects.toMatchObject({ code: '42501' });
    expect(await owned().countBy({ projectId: project.id, name: 'Sneaky' })).toBe(0);
  });
});
