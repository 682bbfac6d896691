// The outbox's repository and RLS policy: rows are written and deleted in the caller's
// subtree only, and the sweep's definer function, which only the worker may call, reads
// every organization's.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { OutboxEntity } from './outbox.entity';
import { OutboxRepository } from './outbox.repository';

describe('OutboxRepository', () => {
  const outbox = new OutboxRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let spoke: SeededTenant;
  let sibling: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let siblingLead: SeededUser;
  let stranger: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    spoke = await db.spoke(hub);
    sibling = await db.spoke(hub);
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    siblingLead = await db.user([[sibling, Role.PMO_LEAD]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const row = (tenant: SeededTenant) => {
    const id = randomUUID();
    return { id, tenantId: tenant.id, orgId: tenant.orgId, jobName: 'test.job', payload: { outboxId: id, tenantId: tenant.id } };
  };
  const stored = (id: string) => db.owner.getRepository(OutboxEntity).findOneBy({ id });

  it('adds a row in the caller’s subtree and removes it once, answering with the row, the second time with null', async () => {
    const added = row(spoke);
    await db.as(admin, (em) => outbox.add(em, added));
    expect(await stored(added.id)).toMatchObject({ tenantId: spoke.id, jobName: 'test.job', payload: added.payload, createdAt: expect.any(Date) });
    expect(await db.as(admin, (em) => outbox.remove(em, added.id))).toEqual({
      jobName: 'test.job',
      tenantId: spoke.id,
      orgId: spoke.orgId,
      payload: added.payload,
    });
    expect(await db.as(admin, (em) => outbox.remove(em, added.id))).toBeNull();
    expect(await stored(added.id)).toBeNull();
  });

  it('claims a tenant’s rows of one job, oldest first and up to a bound, leaving other tenants’ and jobs’ rows', async () => {
    const tenant = await db.spoke(hub);
    const rows = [row(tenant), row(tenant), row(tenant)];
    const otherJob = { ...row(tenant), jobName: 'other.job' };
    const parents = row(hub);
    for (const [i, each] of [...rows, otherJob, parents].entries()) {
      await db.as(admin, (em) => outbox.add(em, each));
      await db.owner.query(`UPDATE outbox SET created_at = now() - make_interval(secs => $2) WHERE id = $1`, [each.id, 100 - i]);
    }
    const first = await db.asSystem(hub, (em) => outbox.claim(em, tenant.id, 'test.job', 2));
    expect(first).toEqual([rows[0], rows[1]].map(({ payload }) => ({ jobName: 'test.job', tenantId: tenant.id, orgId: tenant.orgId, payload })));
    expect((await db.asSystem(hub, (em) => outbox.claim(em, tenant.id, 'test.job', 100))).map((each) => each.payload.outboxId)).toEqual([rows[2].id]);
    expect(await db.asSystem(hub, (em) => outbox.claim(em, tenant.id, 'test.job', 100))).toEqual([]);
    expect(await stored(otherJob.id)).not.toBeNull();
    expect(await stored(parents.id)).not.toBeNull();
    await db.owner.query(`DELETE FROM outbox WHERE id = ANY($1)`, [[otherJob.id, parents.id]]);
  });

  it('never gives a row to two concurrent claimers', async () => {
    const tenant = await db.spoke(hub);
    const rows = Array.from({ length: 40 }, () => row(tenant));
    for (const each of rows) await db.as(admin, (em) => outbox.add(em, each));
    const claims = await Promise.all(Array.from({ length: 4 }, () => db.asSystem(hub, (em) => outbox.claim(em, tenant.id, 'test.job', 100))));
    const ids = claims.flat().map((each) => each.payload.outboxId);
    expect(ids.sort()).toEqual(rows.map((each) => each.id).sort());
  });

  it('hides a row from other organizations and sibling spokes, which can neither remove nor write one there', async () => {
    const added = row(spoke);
    await db.as(admin, (em) => outbox.add(em, added));
    for (const outsider of [stranger, siblingLead]) {
      expect(await db.as(outsider, (em) => em.find(OutboxEntity, {}))).toEqual([]);
      expect(await db.as(outsider, (em) => outbox.remove(em, added.id))).toBeNull();
      await expect(db.as(outsider, (em) => outbox.add(em, row(spoke)))).rejects.toMatchObject({ code: '42501' });
    }
    // The owner still sees the row: the empty answers above are RLS, not absence.
    expect(await stored(added.id)).not.toBeNull();
    expect(await db.as(admin, (em) => em.find(OutboxEntity, {}))).toEqual([expect.objectContaining({ id: added.id })]);
  });

  it('lists every organization’s rows past the grace period for the worker’s sweep, oldest first, and to no one else', async () => {
    const mine = row(hub);
    const theirs = row(other);
    await db.as(admin, (em) => outbox.add(em, mine));
    await db.as(stranger, (em) => outbox.add(em, theirs));
    await db.owner.query(`UPDATE outbox SET created_at = now() - interval '1 minute' WHERE id = $1`, [theirs.id]);
    const pending = await db.asSystem(hub, (em) => outbox.pending(em, 0, 100));
    const ids = pending.map((each) => each.payload.outboxId);
    expect(ids).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(ids[0]).toBe(theirs.id);
    expect(pending.find((each) => each.payload.outboxId === mine.id)).toEqual({ jobName: 'test.job', payload: mine.payload });
    // Within its grace period a row is left to the job published at commit.
    expect((await db.asSystem(hub, (em) => outbox.pending(em, 30_000, 100))).map((each) => each.payload.outboxId)).toEqual([theirs.id]);
    expect(await db.asSystem(hub, (em) => outbox.pending(em, 0, 1))).toHaveLength(1);
    await expect(db.as(admin, (em) => outbox.pending(em, 0, 100))).rejects.toMatchObject({ code: '42501' });
  });
});
