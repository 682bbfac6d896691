// Sessions' repository and RLS policy: a session opens only for the key of its user's
// password, stands until it is ended or expires, and a user sees and ends their own only.
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';

describe('SessionRepository', () => {
  const sessions = new SessionRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let admin: SeededUser;
  let member: SeededUser;

  const endedAt = async (id: string) => (await db.owner.getRepository(SessionEntity).findOneByOrFail({ id })).endedAt;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    member = await db.user([[hub, Role.VIEWER]]);
  });
  afterAll(() => db.close());

  it('opens a session for the key of the user’s password only', async () => {
    // Seeded users' stored hash is the literal 'unused'.
    const id = await db.as(admin, (em) => sessions.open(em, member.id, 'unused', 60));
    expect(id).toEqual(expect.any(String));
    expect(await db.owner.getRepository(SessionEntity).findOneBy({ id: id as string })).toMatchObject({ userId: member.id, endedAt: null });
    expect(await db.as(admin, (em) => sessions.open(em, member.id, 'a wrong key', 60))).toBeNull();
  });

  it('says whose a standing session is, and nothing for an ended one', async () => {
    const user = await db.user([[hub, Role.VIEWER]]);
    expect(await db.as(admin, (em) => sessions.userOf(em, user.sessionId))).toBe(user.id);
    await db.owner.query('UPDATE sessions SET ended_at = now() WHERE id = $1', [user.sessionId]);
    expect(await db.as(admin, (em) => sessions.userOf(em, user.sessionId))).toBeNull();
  });

  it('shows and ends the caller’s own sessions only', async () => {
    const user = await db.user([[hub, Role.VIEWER]]);
    expect((await db.as(admin, (em) => em.find(SessionEntity, {}))).map((s) => s.userId)).toEqual([admin.id]);
    expect(await db.owner.getRepository(SessionEntity).countBy({ userId: user.id })).toBe(1);

    await db.as(admin, (em) => sessions.end(em, user.sessionId));
    expect(await endedAt(user.sessionId)).toBeNull();
    await db.as(user, (em) => sessions.end(em, user.sessionId));
    expect(await endedAt(user.sessionId)).toEqual(expect.any(Date));
    await expect(db.as(user, (em) => sessions.userOf(em, user.sessionId))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('never lets the app role change anything of a session but its end', async () => {
    await expect(db.as(admin, (em) => em.query(`UPDATE sessions SET expires_at = now() + interval '1 year'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => em.query('DELETE FROM sessions'))).rejects.toMatchObject({ code: '42501' });
  });
});
