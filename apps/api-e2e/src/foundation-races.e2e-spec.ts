// Concurrent writers of the foundation: when the same sign-up, spoke or member arrives
// several times at once, exactly one wins, the others get CONFLICT, and the losers leave
// nothing behind (no orphan hub, user, membership or audit entry).
import { randomUUID } from 'node:crypto';
import { Stack } from '@pmo/testing';

const PASSWORD = 'a long enough password';
const ATTEMPTS = 6;

const codeOf = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code ?? 'OK';

describe('foundation under concurrent writes', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await stack.db.query(sql, params)).rows[0].count);

  it('signs up one organization when the same email signs up several times at once', async () => {
    const email = `race.${randomUUID().slice(0, 8)}@example.com`;
    const name = `Race ${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, () =>
        stack.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`, { input: { organizationName: name, email, password: PASSWORD } }),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual([...Array(ATTEMPTS - 1).fill('CONFLICT'), 'OK']);
    expect(await count(`SELECT count(*) FROM users WHERE email = $1`, [email])).toBe(1);
    expect(await count(`SELECT count(*) FROM tenants WHERE name = $1`, [name])).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'sign-up' AND after->>'email' = $1`, [email])).toBe(1);
    // Every hub has its admin: no loser left a hub behind.
    expect(await count(`SELECT count(*) FROM tenants t WHERE t.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = t.id)`)).toBe(
      0,
    );
    await stack.waitForIdle();
    expect(await count(`SELECT count(*) FROM audit_log a JOIN tenants t ON t.id = a.tenant_id WHERE t.name = $1 AND a.action = 'provisioned'`, [name])).toBe(1);
  });

  it('creates one spoke when the same name arrives several times at once', async () => {
    const org = await stack.signUp();
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, () =>
        stack.gql(`mutation($input: CreateSpokeInput!) { createSpoke(input: $input) { id } }`, { input: { parentId: org.hubId, name: 'Europe' } }, org.token),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual([...Array(ATTEMPTS - 1).fill('CONFLICT'), 'OK']);
    const winner = results.find((result) => !result.errors)?.data.createSpoke.id;
    expect(await count(`SELECT count(*) FROM tenants WHERE parent_id = $1`, [org.hubId])).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_log WHERE entity = 'tenant' AND org_id = $1`, [org.hubId])).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_log WHERE entity = 'tenant' AND entity_id = $1`, [winner])).toBe(1);
  });

  it('creates one user and one membership when the same new member is added several times at once', async () => {
    const org = await stack.signUp();
    const email = `member.${randomUUID().slice(0, 8)}@example.com`;
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, () =>
        stack.gql(
          `mutation($input: AddMemberInput!) { addMember(input: $input) { role } }`,
          { input: { tenantId: org.hubId, email, password: PASSWORD, role: 'VIEWER' } },
          org.token,
        ),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual([...Array(ATTEMPTS - 1).fill('CONFLICT'), 'OK']);
    expect(await count(`SELECT count(*) FROM users WHERE email = $1`, [email])).toBe(1);
    expect(await count(`SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`, [email])).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_log WHERE entity = 'membership' AND org_id = $1`, [org.hubId])).toBe(1);
    const login = await stack.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: PASSWORD } });
    expect(codeOf(login)).toBe('OK');
  });
});
