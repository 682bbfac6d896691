// Accounts' repository and RLS policies: a user sees their own account and the accounts
// of members where they can see memberships; the runtime roles never read a password
// hash, change only their own, and find any account by email through the database only
// as an id and its password settings.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { hashPassword, hashWithSettings, settingsOf } from '../auth/password';
import { UserRepository } from './user.repository';

describe('UserRepository', () => {
  const users = new UserRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let member: SeededUser;
  let stranger: SeededUser;

  const emailOf = (user: SeededUser) => `${user.id}@example.com`;
  const storedHash = async (id: string): Promise<string> => (await db.owner.query('SELECT password_hash FROM users WHERE id = $1', [id]))[0].password_hash;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    member = await db.user([[hub, Role.VIEWER]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  it('finds any account by email, case-insensitively, as its id and password settings (never the key)', async () => {
    const hash = await hashPassword('a long enough password');
    await db.owner.query('UPDATE users SET password_hash = $2 WHERE id = $1', [stranger.id, hash]);
    const found = await db.as(admin, (em) => users.credentialsByEmail(em, emailOf(stranger).toUpperCase()));
    expect(found).toEqual({ id: stranger.id, passwordSettings: settingsOf(hash) });
    expect(await db.as(admin, (em) => users.credentialsByEmail(em, 'nobody@example.com'))).toBeUndefined();
  });

  it('reads visible accounts only: the caller’s own and its members’', async () => {
    expect(await db.as(member, (em) => users.byId(em, member.id))).toEqual({ id: member.id, email: emailOf(member) });
    expect(await db.as(admin, (em) => users.byId(em, member.id))).toEqual({ id: member.id, email: emailOf(member) });
    expect(await db.as(admin, (em) => users.byId(em, stranger.id))).toBeNull();
    expect(await db.as(admin, (em) => users.withPasswordSettings(em, stranger.id))).toBeUndefined();
    expect(await db.as(member, (em) => users.withPasswordSettings(em, member.id))).toEqual({
      id: member.id,
      email: emailOf(member),
      passwordSettings: 'unused',
    });
    expect(await db.owner.query('SELECT 1 FROM users WHERE id = $1', [stranger.id])).toHaveLength(1);
  });

  it('never lets the runtime roles read a password hash', async () => {
    await expect(db.as(member, (em) => em.query('SELECT password_hash FROM users'))).rejects.toMatchObject({ code: '42501' });
  });

  it('adds an account, unique by email in any case', async () => {
    const id = randomUUID();
    await db.as(admin, (em) => users.insert(em, { id, email: `new.${id}@example.com`, passwordHash: '' }));
    expect(await storedHash(id)).toBe('');
    await expect(db.as(admin, (em) => users.insert(em, { id: randomUUID(), email: emailOf(member).toUpperCase(), passwordHash: '' }))).rejects.toMatchObject({
      code: '23505',
      constraint: 'users_email',
    });
  });

  it('sets only the caller’s own password', async () => {
    await db.as(admin, (em) => users.setPassword(em, member.id, 'scrypt$1$1$1$forged$key'));
    expect(await storedHash(member.id)).toBe('unused');
    await db.as(member, (em) => users.setPassword(em, member.id, 'scrypt$1$1$1$salt$key'));
    expect(await storedHash(member.id)).toBe('scrypt$1$1$1$salt$key');
  });

  it('changes the caller’s password given the current one’s key, and ends their sessions', async () => {
    const user = await db.user([[hub, Role.VIEWER]]);
    const current = await hashPassword('the current password');
    await db.owner.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, current]);
    const next = await hashPassword('the next password');
    const wrong = await hashWithSettings('a wrong guess', settingsOf(current));
    expect(await db.as(user, (em) => users.changeOwnPassword(em, wrong, next))).toBe(false);
    expect(await storedHash(user.id)).toBe(current);
    expect(await db.as(user, (em) => users.changeOwnPassword(em, current, next))).toBe(true);
    expect(await storedHash(user.id)).toBe(next);
    expect(await db.owner.query('SELECT 1 FROM sessions WHERE user_id = $1 AND ended_at IS NULL', [user.id])).toEqual([]);
  });
});
