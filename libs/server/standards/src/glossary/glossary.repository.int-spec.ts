// The glossary's statements and its table's RLS policy: a term is read in its owner's
// subtree at once (no drafts), never by a sibling spoke or another organization, and the
// app role writes and deletes terms only inside the caller's subtrees.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GlossaryTermEntity } from './glossary-term.entity';
import { GlossaryRepository } from './glossary.repository';

describe('GlossaryRepository', () => {
  const glossary = new GlossaryRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const term = (owner: SeededTenant, text: string) => ({
    id: randomUUID(),
    orgId: owner.orgId,
    tenantId: owner.id,
    term: text,
    definition: `What ${text} means`,
  });
  const terms = () => db.owner.getRepository(GlossaryTermEntity);
  const names = (rows: GlossaryTermEntity[]) => rows.map((row) => [row.term, row.tenantId]);

  it('inserts terms and lists a path’s glossary alphabetically, the nearer owner’s first on a tie', async () => {
    const created = await db.as(admin, (em) => glossary.insert(em, term(hub, 'Stage gate')));
    expect(created).toMatchObject({ term: 'Stage gate', tenantId: hub.id, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    await db.as(northLead, async (em) => {
      await glossary.insert(em, term(north, 'stage gate'));
      await glossary.insert(em, term(north, 'Burn rate'));
    });
    expect(names(await db.as(northLead, (em) => glossary.glossary(em, north.path)))).toEqual([
      ['Burn rate', north.id],
      ['stage gate', north.id],
      ['Stage gate', hub.id],
    ]);
  });

  it('shows a term below its owner at once, never to a sibling spoke or another organization', async () => {
    expect(names(await db.as(southLead, (em) => glossary.glossary(em, north.path)))).toEqual([['Stage gate', hub.id]]);
    expect(await db.as(stranger, (em) => glossary.glossary(em, north.path))).toEqual([]);
    // The rows are there: only the policy keeps them from the callers above.
    expect(await terms().countBy({ tenantId: north.id })).toBe(2);
  });

  it('keeps terms unique per owner, ignoring case', async () => {
    await expect(db.as(admin, (em) => glossary.insert(em, term(hub, 'STAGE GATE')))).rejects.toMatchObject({
      code: '23505',
      constraint: 'glossary_terms_term',
    });
  });

  it('updates a term and reads back when', async () => {
    const current = await db.as(admin, (em) => glossary.insert(em, term(hub, 'Baseline')));
    const updated = await db.as(admin, (em) => glossary.update(em, current, { term: 'Baseline plan', definition: 'The approved plan' }));
    expect(updated).toMatchObject({ id: current.id, term: 'Baseline plan', definition: 'The approved plan' });
    expect(await terms().findOneByOrFail({ id: current.id })).toEqual(updated);
  });

  it('writes and deletes only inside the caller’s subtrees', async () => {
    const hubs = await db.as(admin, (em) => glossary.insert(em, term(hub, 'Charter')));
    await expect(db.as(northLead, (em) => glossary.insert(em, term(hub, 'Ours')))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(stranger, (em) => glossary.insert(em, term(north, 'Theirs')))).rejects.toMatchObject({ code: '42501' });

    // An ancestor's term is readable but outside the update and delete policies: nothing changes.
    await db.as(northLead, (em) => glossary.update(em, hubs, { term: 'Hijacked', definition: 'x' }));
    await db.as(northLead, (em) => glossary.delete(em, hubs.id));
    expect(await terms().findOneByOrFail({ id: hubs.id })).toMatchObject({ term: 'Charter' });

    await db.as(admin, (em) => glossary.delete(em, hubs.id));
    expect(await terms().countBy({ id: hubs.id })).toBe(0);
  });
});
