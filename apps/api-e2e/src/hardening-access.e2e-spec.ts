// Access that ends and cannot be forged: sessions (logout, password change, removal, role
// change, expiry) over HTTP and on open sockets, invitations that grant nothing until
// accepted, throttled logins and sign-ups, and the database's own guard: signed tenant
// contexts, definer functions that trust no temporary object, a worker-only system context.
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appUrl, request, sessionOf, Stack, workerUrl } from '@pmo/testing';

const PASSWORD = 'a long enough password';
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { role status tenant { id } } }`;
const TENANT = `query($id: ID!) { tenant(id: $id) { id name } }`;

type Result = { errors?: Array<{ message: string; extensions?: { code?: string; retryAfter?: number } }> };
const codes = (result: Result) => (result.errors ?? []).map((e) => e.extensions?.code);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

describe('access that ends and cannot be forged', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const newEmail = () => `u.${randomUUID().slice(0, 8)}@example.com`;
  const login = async (email: string, password = PASSWORD) => (await stack.ok(LOGIN, { input: { email, password } })).login.token as string;
  const me = (token: string) => stack.gql(`{ me { id } }`, {}, token);

  /** A socket authenticated with `token`, connected at once; `closed` resolves with the close code the server sends. */
  function socket(token: string) {
    const { client, closed } = stack.socket({ token, eager: true });
    const query = (document: string, variables: Record<string, unknown> = {}) => request(client, { query: document, variables }, { untilComplete: true });
    return { query, closed };
  }

  const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

  describe('sessions', () => {
    it('logout ends the token that sent it, over HTTP and on its open socket, and no other', async () => {
      const org = await stack.signUp();
      const other = await login(org.email);
      // One session per sign-in: the sign-up's and the login's.
      expect((await stack.db.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [org.userId])).rows[0].n).toBe(2);
      const ws = socket(org.token);
      expect((await ws.query(`{ me { id } }`)).data).toEqual({ me: { id: org.userId } });

      expect((await stack.ok(`mutation { logout }`, {}, org.token)).logout).toBe(true);
      expect(codes(await me(org.token))).toEqual(['UNAUTHENTICATED']);
      expect(await within(ws.closed, 5000)).toBe(4401);
      expect(codes(await me(other))).toEqual([]);
    });

    it('a password change ends every earlier token, and answers with a new one', async () => {
      const org = await stack.signUp();
      const second = await login(org.email);
      const ws = socket(second);
      await ws.query(`{ me { id } }`);

      const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token user { id } } }`;
      const wrong = await stack.gql(CHANGE, { input: { currentPassword: 'not my password!', newPassword: 'a brand new passphrase' } }, org.token);
      expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
      const short = await stack.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: 'short' } }, org.token);
      expect(codes(short)).toEqual(['BAD_USER_INPUT']);
      expect(codes(await me(org.token))).toEqual([]); // refusals changed nothing

      const { changePassword } = await stack.ok(CHANGE, { input: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } }, org.token);
      expect(changePassword.user.id).toBe(org.userId);
      for (const token of [org.token, second]) expect(codes(await me(token))).toEqual(['UNAUTHENTICATED']);
      expect(await within(ws.closed, 5000)).toBe(4401);
      expect(codes(await me(changePassword.token))).toEqual([]);
      expect(codes(await stack.gql(LOGIN, { input: { email: org.email, password: PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
      await login(org.email, 'a brand new passphrase');
      const audit = await stack.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action = 'change-password'`, [
        org.userId,
      ]);
      expect(audit.rows[0].n).toBe(1);
    });

    it('removing a member ends their access at once: to that tenant, and entirely when it was their last membership', async () => {
      const org = await stack.signUp();
      const europe = await stack.createSpoke(org.token, org.hubId, 'Europe');
      const asia = await stack.createSpoke(org.token, org.hubId, 'Asia');
      const email = newEmail();
      await stack.ok(ADD_MEMBER, { input: { tenantId: europe, email, password: PASSWORD, role: 'PMO_LEAD' } }, org.token);
      const [{ id: userId }] = (await stack.db.query('SELECT id FROM users WHERE email = $1', [email])).rows;
      await stack.db.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $3, 'VIEWER')`, [userId, asia, org.hubId]);
      const token = await login(email);
      const ws = socket(token);
      expect((await ws.query(TENANT, { id: europe })).data?.tenant?.id).toBe(europe);

      const REMOVE = `mutation($t: ID!, $u: ID!) { removeMember(tenantId: $t, userId: $u) }`;
      expect((await stack.ok(REMOVE, { t: europe, u: userId }, org.token)).removeMember).toBe(true);
      // Still signed in (Asia), but Europe is gone, on both transports, from the next request on.
      expect((await stack.ok(TENANT, { id: europe }, token)).tenant).toBeNull();
      expect((await ws.query(TENANT, { id: europe })).data?.tenant).toBeNull();
      expect((await stack.ok(TENANT, { id: asia }, token)).tenant.id).toBe(asia);

      await stack.ok(REMOVE, { t: asia, u: userId }, org.token);
      expect(codes(await me(token))).toEqual(['UNAUTHENTICATED']);
      expect(await within(ws.closed, 5000)).toBe(4401);
      expect(codes(await stack.gql(REMOVE, { t: asia, u: userId }, org.token))).toEqual(['NOT_FOUND']);
    });

    it('a role change holds from the next request on; nobody removes or demotes above their rank or the last hub admin', async () => {
      const org = await stack.signUp();
      const europe = await stack.createSpoke(org.token, org.hubId, 'Europe');
      const email = newEmail();
      await stack.ok(ADD_MEMBER, { input: { tenantId: europe, email, password: PASSWORD, role: 'PMO_LEAD' } }, org.token);
      const [{ id: userId }] = (await stack.db.query('SELECT id FROM users WHERE email = $1', [email])).rows;
      const lead = await login(email);
      const invite = () => stack.gql(ADD_MEMBER, { input: { tenantId: europe, email: newEmail(), role: 'VIEWER' } }, lead);
      expect(codes(await invite())).toEqual([]);

      const UPDATE = `mutation($t: ID!, $u: ID!, $r: Role!) { updateMemberRole(tenantId: $t, userId: $u, role: $r) { role status } }`;
      expect((await stack.ok(UPDATE, { t: europe, u: userId, r: 'VIEWER' }, org.token)).updateMemberRole).toEqual({ role: 'VIEWER', status: 'ACTIVE' });
      expect(codes(await invite())).toEqual(['FORBIDDEN']);

      // A PMO_LEAD may not touch an ORG_ADMIN, nor grant ORG_ADMIN.
      await stack.ok(UPDATE, { t: europe, u: userId, r: 'PMO_LEAD' }, org.token);
      expect(codes(await stack.gql(UPDATE, { t: org.hubId, u: org.userId, r: 'VIEWER' }, lead))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.gql(UPDATE, { t: europe, u: userId, r: 'ORG_ADMIN' }, lead))).toEqual(['FORBIDDEN']);
      // The organization keeps an ORG_ADMIN at its hub.
      expect(codes(await stack.gql(UPDATE, { t: org.hubId, u: org.userId, r: 'VIEWER' }, org.token))).toEqual(['CONFLICT']);
      expect(
        codes(await stack.gql(`mutation($t: ID!, $u: ID!) { removeMember(tenantId: $t, userId: $u) }`, { t: org.hubId, u: org.userId }, org.token)),
      ).toEqual(['CONFLICT']);
      expect(codes(await me(org.token))).toEqual([]);
    });

    it('closes a socket when its token expires, and refuses tokens without an expiry or a session', async () => {
      const org = await stack.signUp();
      const sid = sessionOf(org.token);
      const sign = (payload: object) => {
        const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
        return `${unsigned}.${createHmac('sha256', stack.env.JWT_SECRET).update(unsigned).digest('base64url')}`;
      };
      // Signed with the real secret, so only the claims are at fault.
      expect(codes(await me(sign({ sub: org.userId, sid, exp: now() + 60 })))).toEqual([]);
      expect(codes(await me(sign({ sub: org.userId, sid })))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await me(sign({ sub: org.userId, exp: now() + 60 })))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await me(sign({ sub: org.userId, sid: randomUUID(), exp: now() + 60 })))).toEqual(['UNAUTHENTICATED']);
      // Another user's live session under this user's name.
      const other = await stack.signUp();
      expect(codes(await me(sign({ sub: org.userId, sid: sessionOf(other.token), exp: now() + 60 })))).toEqual(['UNAUTHENTICATED']);

      const ws = socket(sign({ sub: org.userId, sid, exp: now() + 2 }));
      expect((await ws.query(`{ me { id } }`)).data).toEqual({ me: { id: org.userId } });
      expect(await within(ws.closed, 6000)).toBe(4401);
    });
  });

  describe('sockets', () => {
    it('refuses a socket for a logged-out token at connect, and more than 20 sockets per user', async () => {
      const org = await stack.signUp();
      const stale = await login(org.email);
      await stack.ok(`mutation { logout }`, {}, stale);
      expect(await within(socket(stale).closed, 5000)).toBe(4403);

      const open = Array.from({ length: 20 }, () => socket(org.token));
      for (const each of open) expect((await each.query(`{ me { id } }`)).data).toEqual({ me: { id: org.userId } });
      expect(await within(socket(org.token).closed, 5000)).toBe(4403);
    });
  });

  describe('invitations', () => {
    it('invites an existing user, who sees nothing until they accept, and may decline', async () => {
      const org = await stack.signUp();
      const europe = await stack.createSpoke(org.token, org.hubId, 'Europe');
      const asia = await stack.createSpoke(org.token, org.hubId, 'Asia');
      const invitee = await stack.signUp();

      const invited = await stack.ok(ADD_MEMBER, { input: { tenantId: europe, email: invitee.email, role: 'PMO_LEAD' } }, org.token);
      expect(invited.addMember).toEqual({ role: 'PMO_LEAD', status: 'INVITED', tenant: { id: europe } });
      // An invitation grants nothing but the inviting tenant's name.
      const { me: before } = await stack.ok(`{ me { memberships { role status tenant { id name } } } }`, {}, invitee.token);
      expect(before.memberships).toContainEqual({ role: 'PMO_LEAD', status: 'INVITED', tenant: { id: europe, name: 'Europe' } });
      expect(codes(await stack.gql(ADD_MEMBER, { input: { tenantId: europe, email: newEmail(), role: 'VIEWER' } }, invitee.token))).toEqual(['FORBIDDEN']);
      const children = await stack.ok(`query($id: ID!) { tenant(id: $id) { children { id } } }`, { id: europe }, invitee.token);
      expect(children.tenant.children).toEqual([]);
      // Nor the inviting tenant's published standards (a member there would see them).
      const kpi = await stack.ok(
        `mutation { createKpiDefinition(input: { tenantId: "${europe}", key: "eu_index", name: "EU index", aggregation: AVG, direction: HIGHER_IS_BETTER }) { id } }`,
        {},
        org.token,
      );
      await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { id } }`, { id: kpi.createKpiDefinition.id }, org.token);
      const KPI = `query($id: ID!) { kpiDefinition(id: $id) { id } }`;
      expect((await stack.ok(KPI, { id: kpi.createKpiDefinition.id }, invitee.token)).kpiDefinition).toBeNull();

      const ACCEPT = `mutation($t: ID!) { acceptInvitation(tenantId: $t) { role status tenant { id } } }`;
      expect((await stack.ok(ACCEPT, { t: europe }, invitee.token)).acceptInvitation).toEqual({ role: 'PMO_LEAD', status: 'ACTIVE', tenant: { id: europe } });
      expect((await stack.ok(KPI, { id: kpi.createKpiDefinition.id }, invitee.token)).kpiDefinition).toEqual({ id: kpi.createKpiDefinition.id });
      expect(codes(await stack.gql(ADD_MEMBER, { input: { tenantId: europe, email: newEmail(), role: 'VIEWER' } }, invitee.token))).toEqual([]);
      expect(codes(await stack.gql(ACCEPT, { t: europe }, invitee.token))).toEqual(['NOT_FOUND']);

      await stack.ok(ADD_MEMBER, { input: { tenantId: asia, email: invitee.email, role: 'VIEWER' } }, org.token);
      const DECLINE = `mutation($t: ID!) { declineInvitation(tenantId: $t) }`;
      expect((await stack.ok(DECLINE, { t: asia }, invitee.token)).declineInvitation).toBe(true);
      expect(codes(await stack.gql(ACCEPT, { t: asia }, invitee.token))).toEqual(['NOT_FOUND']);
      // Declining works on invitations only: an active membership stays.
      expect(codes(await stack.gql(DECLINE, { t: europe }, invitee.token))).toEqual(['NOT_FOUND']);
      expect((await stack.db.query(`SELECT status FROM memberships WHERE user_id = $1 AND tenant_id = $2`, [invitee.userId, europe])).rows).toEqual([
        { status: 'ACTIVE' },
      ]);
    });

    it('answers alike whether or not the email had an account, and lets a new account claim its invitation', async () => {
      const org = await stack.signUp();
      const existing = await stack.signUp();
      const ghost = newEmail();
      const known = await stack.gql(ADD_MEMBER, { input: { tenantId: org.hubId, email: existing.email, role: 'VIEWER' } }, org.token);
      const unknown = await stack.gql(ADD_MEMBER, { input: { tenantId: org.hubId, email: ghost, role: 'VIEWER' } }, org.token);
      expect({ data: unknown.data, errors: unknown.errors }).toEqual({ data: known.data, errors: known.errors });

      // The invited address has no password: nobody logs in with it, until its owner signs up.
      expect(codes(await stack.gql(LOGIN, { input: { email: ghost, password: '' } }))).toEqual(['UNAUTHENTICATED']);
      const claimed = await stack.signUp('Ghost Org', ghost);
      const { me } = await stack.ok(`{ me { memberships { role status tenant { id } } } }`, {}, claimed.token);
      expect(me.memberships).toContainEqual({ role: 'VIEWER', status: 'INVITED', tenant: { id: org.hubId } });
      expect(codes(await stack.gql(`mutation($t: ID!) { acceptInvitation(tenantId: $t) { status } }`, { t: org.hubId }, claimed.token))).toEqual([]);
      // Claimed once: signing up again with the address is a conflict like any taken address.
      const again = await stack.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { organizationName: 'Again', email: ghost, password: PASSWORD },
      });
      expect(codes(again)).toEqual(['CONFLICT']);
    });
  });

  describe('throttling', () => {
    it('backs off failed logins per account with RATE_LIMITED and retryAfter, even for the right password; other accounts are unaffected', async () => {
      const org = await stack.signUp();
      const bystander = await stack.signUp();
      const attempts = [];
      for (let i = 0; i < 7; i++) attempts.push(await stack.gql(LOGIN, { input: { email: org.email, password: `wrong password ${i}` } }));
      expect(attempts.slice(0, 5).map(codes).flat()).toEqual(Array(5).fill('UNAUTHENTICATED'));
      const limited = attempts.slice(5).find((attempt) => codes(attempt)[0] === 'RATE_LIMITED');
      expect(limited?.errors?.[0].extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(codes(await stack.gql(LOGIN, { input: { email: org.email, password: PASSWORD } }))).toEqual(['RATE_LIMITED']);
      expect(codes(await stack.gql(LOGIN, { input: { email: bystander.email, password: PASSWORD } }))).toEqual([]);
    });

    it('counts logins sent at once before checking them: 40 in parallel check at most 5', async () => {
      const org = await stack.signUp();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => stack.gql(LOGIN, { input: { email: org.email, password: `parallel wrong ${i}` } })),
      );
      const checked = results.filter((result) => codes(result)[0] === 'UNAUTHENTICATED').length;
      expect(checked).toBeLessThanOrEqual(5);
      expect(checked + results.filter((result) => codes(result)[0] === 'RATE_LIMITED').length).toBe(40);
    });

    it('makes a stolen token no password oracle: changePassword guesses back off per user, and the owner still logs in', async () => {
      const org = await stack.signUp();
      const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;
      const guesses = [];
      for (let i = 0; i < 7; i++)
        guesses.push(codes(await stack.gql(CHANGE, { input: { currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' } }, org.token))[0]);
      expect(guesses.slice(0, 5)).toEqual(Array(5).fill('BAD_USER_INPUT'));
      expect(guesses.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
      // Even the right password waits now; the owner's logins are another count.
      expect(codes(await stack.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } }, org.token))).toEqual([
        'RATE_LIMITED',
      ]);
      await login(org.email);
    });

    it('limits sign-ups per address', async () => {
      const small = await Stack.start({ noWorker: true, env: { SIGNUPS_PER_ADDRESS: '2' } });
      try {
        const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;
        // Sent at once: each is counted before it is checked, so no more than the allowance get through.
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => small.gql(SIGN_UP, { input: { organizationName: `Org ${i}`, email: newEmail(), password: PASSWORD } })),
        );
        expect(results.map((result) => codes(result)[0] ?? 'OK').sort()).toEqual(['OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
      } finally {
        await small.stop();
      }
    });

    it('checks authorization before hashing a password: a flood of refused addMember calls never fills the hashing queue', async () => {
      const org = await stack.signUp();
      // Ten viewers, four calls each (a user's operations in flight are capped at four):
      // forty at once, more than the hashing queue holds, were hashing done first.
      const viewers = await Promise.all(Array.from({ length: 10 }, () => stack.member(org.token, org.hubId, 'VIEWER')));
      const results = await Promise.all(
        viewers.flatMap((viewer) =>
          Array.from({ length: 4 }, () =>
            stack.gql(ADD_MEMBER, { input: { tenantId: org.hubId, email: newEmail(), password: PASSWORD, role: 'VIEWER' } }, viewer),
          ),
        ),
      );
      expect(new Set(results.flatMap(codes))).toEqual(new Set(['FORBIDDEN']));
    });
  });

  describe('the database guards the context itself', () => {
    let app: Client;
    let worker: Client;

    beforeAll(async () => {
      app = new Client({ connectionString: appUrl(stack.database) });
      worker = new Client({ connectionString: workerUrl(stack.database) });
      await Promise.all([app.connect(), worker.connect()]);
    });
    afterAll(async () => {
      await Promise.all([app?.end(), worker?.end()]);
    });

    async function inTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
      await client.query('BEGIN');
      try {
        return await fn();
      } finally {
        await client.query('ROLLBACK');
      }
    }
    const tenantsSeen = async (client: Client) => Number((await client.query('SELECT count(*) FROM tenants')).rows[0].count);

    it('grants nothing to hand-set context settings, nor to settings copied from another transaction', async () => {
      const org = await stack.signUp();
      // Bites: the same tenant set, entered through a live session, shows the tenants.
      const entered = await inTransaction(app, async () => {
        await app.query('SELECT pmo_enter_session($1)', [sessionOf(org.token)]);
        const settings = (
          await app.query(
            `SELECT current_setting('app.user_id') u, current_setting('app.tenant_ids') t, current_setting('app.ancestor_ids') a, current_setting('app.context_mac') m`,
          )
        ).rows[0];
        return { seen: await tenantsSeen(app), settings };
      });
      expect(entered.seen).toBe(1);
      const forged = await inTransaction(app, async () => {
        await app.query(`SELECT set_config('app.user_id', $1, true), set_config('app.tenant_ids', $2, true), set_config('app.ancestor_ids', '{}', true)`, [
          org.userId,
          `{${org.hubId}}`,
        ]);
        return tenantsSeen(app);
      });
      expect(forged).toBe(0);
      const replayed = await inTransaction(app, async () => {
        const { u, t, a, m } = entered.settings;
        await app.query(
          `SELECT set_config('app.user_id', $1, true), set_config('app.tenant_ids', $2, true), set_config('app.ancestor_ids', $3, true), set_config('app.context_mac', $4, true)`,
          [u, t, a, m],
        );
        return tenantsSeen(app);
      });
      expect(replayed).toBe(0);
    });

    it('lets only the worker act for a tenant, and the api only for a live session or a new organization', async () => {
      const org = await stack.signUp();
      await inTransaction(app, async () => {
        await expect(app.query('SELECT pmo_enter_tenant($1)', [org.hubId])).rejects.toMatchObject({ code: '42501' });
      });
      await inTransaction(app, async () => {
        await expect(app.query('SELECT pmo_set_context($1, $2, $3, $4)', [org.userId, [org.hubId], [], []])).rejects.toMatchObject({ code: '42501' });
      });
      await inTransaction(app, async () => {
        await expect(app.query('SELECT pmo_enter_signup($1, $2)', [randomUUID(), org.hubId])).rejects.toMatchObject({ code: '42501' });
      });
      await inTransaction(app, async () => {
        await expect(app.query('SELECT pmo_enter_session($1)', [randomUUID()])).rejects.toMatchObject({ code: '28000' });
      });
      const seenByWorker = await inTransaction(worker, async () => {
        await worker.query('SELECT pmo_enter_tenant($1)', [org.hubId]);
        return tenantsSeen(worker);
      });
      expect(seenByWorker).toBe(1);
    });

    it('keeps password hashes in the database: the api role reads settings only, and opens no session without the password', async () => {
      const org = await stack.signUp();
      await expect(app.query('SELECT password_hash FROM users LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      const [row] = (await app.query('SELECT id, password_settings FROM pmo_user_by_email($1)', [org.email])).rows;
      expect(row.id).toBe(org.userId);
      expect(row.password_settings.split('$')).toHaveLength(5); // scrypt$N$r$p$salt, no key
      const stored = (await stack.db.query('SELECT password_hash FROM users WHERE id = $1', [org.userId])).rows[0].password_hash;
      // Bites: with the stored hash a session opens; with the settings or a guess, none.
      for (const guess of [row.password_settings, `${row.password_settings}$AAAA`, '']) {
        expect((await app.query('SELECT pmo_open_session($1, $2, 60) AS id', [org.userId, guess])).rows[0].id).toBeNull();
      }
      expect((await app.query('SELECT pmo_open_session($1, $2, 60) AS id', [org.userId, stored])).rows[0].id).toEqual(expect.any(String));
    });

    it('inserts an active membership only for the caller or an account made in the same transaction; anyone else is invited', async () => {
      const admin = await stack.signUp();
      const victim = await stack.signUp();
      await inTransaction(app, async () => {
        await app.query('SELECT pmo_enter_session($1)', [sessionOf(admin.token)]);
        await expect(
          app.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role, status) VALUES ($1, $2, $2, 'VIEWER', 'ACTIVE')`, [victim.userId, admin.hubId]),
        ).rejects.toMatchObject({ code: '42501' });
      });
      await inTransaction(app, async () => {
        await app.query('SELECT pmo_enter_session($1)', [sessionOf(admin.token)]);
        await app.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role, status) VALUES ($1, $2, $2, 'VIEWER', 'INVITED')`, [
          victim.userId,
          admin.hubId,
        ]);
        const fresh = randomUUID();
        await app.query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, '')`, [fresh, `${fresh}@example.com`]);
        await app.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role, status) VALUES ($1, $2, $2, 'VIEWER', 'ACTIVE')`, [fresh, admin.hubId]);
      });
    });

    it('gives the runtime roles no temporary objects and a statement timeout; definer functions search pg_temp last and are owned by a role that cannot log in', async () => {
      // The attack once seen: a temporary view named like a table, read by a definer function.
      await expect(app.query('CREATE TEMP VIEW memberships AS SELECT 1')).rejects.toMatchObject({ code: '42501' });
      await expect(worker.query('CREATE TEMP TABLE x (id int)')).rejects.toMatchObject({ code: '42501' });
      expect((await app.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('5s');

      const definers = (
        await stack.db.query(`
          SELECT p.proname, r.rolname, r.rolsuper, r.rolcanlogin, p.proconfig
            FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
           WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef ORDER BY p.proname`)
      ).rows;
      expect(definers.length).toBeGreaterThanOrEqual(10);
      for (const row of definers) {
        expect({ name: row.proname, owner: row.rolname, superuser: row.rolsuper, login: row.rolcanlogin, config: row.proconfig }).toEqual({
          name: row.proname,
          owner: 'pmo_definer',
          superuser: false,
          login: false,
          config: ['search_path=pg_catalog, public, pg_temp'],
        });
      }
    });
  });
});
