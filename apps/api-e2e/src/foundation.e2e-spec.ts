// The foundation end to end: identity, the tenant tree, roles, isolation between
// siblings and between organizations, forged tokens, hostile input, HTTP hardening,
// the audit log, schema drift, and Row Level Security checked from the database side.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { sessionOf, Stack, QUEUE_BACKEND, appUrl } from '@pmo/testing';

const PASSWORD = 'a long enough password';
const SCHEMA_FILE = join(tmpdir(), `pmo-schema-${randomUUID()}.graphql`);

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email memberships { role tenant { id kind depth } } } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token user { id email } } }`;
const ME = `{ me { id email memberships { role tenant { id name } } } }`;
const TENANT = `query($id: ID!) { tenant(id: $id) { id name kind depth parent { id } children { id name } } }`;
const CREATE_SPOKE = `mutation($input: CreateSpokeInput!) { createSpoke(input: $input) { id name kind depth parent { id } } }`;
const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { role tenant { id } } }`;
const AUDIT = `query($tenantId: ID!, $first: Int, $after: String) {
  auditLog(tenantId: $tenantId, first: $first, after: $after) {
    edges { cursor node { id tenant { id } actorId entity entityId action before after at } }
    pageInfo { hasNextPage endCursor }
  } }`;

const codes = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => (result.errors ?? []).map((e) => e.extensions?.code);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('foundation', () => {
  let stack: Stack;
  let org1: Awaited<ReturnType<Stack['signUp']>>;
  let org2: Awaited<ReturnType<Stack['signUp']>>;
  // org1: hub → europe → france → paris, and hub → asia (europe's sibling)
  let europe: string;
  let france: string;
  let paris: string;
  let asia: string;
  let europeAdmin: string;
  let europeViewer: string;

  const count = async (sql: string, params: unknown[] = []) => Number((await stack.db.query(sql, params)).rows[0].count);

  beforeAll(async () => {
    stack = await Stack.start({ env: { GRAPHQL_SCHEMA_FILE: SCHEMA_FILE } });
    org1 = await stack.signUp('Org One');
    org2 = await stack.signUp('Org Two');
    europe = await stack.createSpoke(org1.token, org1.hubId, 'Europe');
    france = await stack.createSpoke(org1.token, europe, 'France');
    paris = await stack.createSpoke(org1.token, france, 'Paris');
    asia = await stack.createSpoke(org1.token, org1.hubId, 'Asia');
    europeAdmin = await stack.member(org1.token, europe, 'ORG_ADMIN');
    europeViewer = await stack.member(org1.token, europe, 'VIEWER');
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(SCHEMA_FILE, { force: true });
  });

  describe('identity', () => {
    it('signs up an organization with its hub and first ORG_ADMIN, logs in, and answers me', async () => {
      const email = `Ada.${randomUUID().slice(0, 8)}@Example.com`;
      const { signUp } = await stack.ok(SIGN_UP, { input: { organizationName: '  Ada Org ', email, password: PASSWORD } });
      expect(signUp.user.email).toBe(email.toLowerCase());
      expect(signUp.user.memberships).toEqual([{ role: 'ORG_ADMIN', tenant: { id: expect.any(String), kind: 'HUB', depth: 0 } }]);

      const { login } = await stack.ok(LOGIN, { input: { email: email.toUpperCase(), password: PASSWORD } });
      expect(login.user).toEqual({ id: signUp.user.id, email: email.toLowerCase() });
      const { me } = await stack.ok(ME, {}, login.token);
      expect(me).toEqual({
        id: signUp.user.id,
        email: email.toLowerCase(),
        memberships: [{ role: 'ORG_ADMIN', tenant: { id: signUp.user.memberships[0].tenant.id, name: 'Ada Org' } }],
      });
    });

    it('refuses a wrong password and an unknown email alike, and me without a token', async () => {
      const wrong = await stack.gql(LOGIN, { input: { email: org1.email, password: 'not the password!' } });
      const unknown = await stack.gql(LOGIN, { input: { email: 'nobody@example.com', password: PASSWORD } });
      expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
      expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
      expect(codes(await stack.gql(ME))).toEqual(['UNAUTHENTICATED']);
    });

    it('provisions a new organization in the worker: an audit entry "provisioned" follows the sign-up', async () => {
      await stack.waitForIdle();
      const { rows } = await stack.db.query(`SELECT tenant_id, actor_id, after FROM audit_log WHERE action = 'provisioned' AND tenant_id = $1`, [org1.hubId]);
      expect(rows).toEqual([{ tenant_id: org1.hubId, actor_id: null, after: { firstAdmin: org1.userId } }]);
      expect(await count(`SELECT count(*) FROM outbox WHERE tenant_id = $1`, [org1.hubId])).toBe(0);
    });
  });

  describe('tenant tree and members', () => {
    it('nests spokes to depth 3, each knowing its parent', async () => {
      const { tenant } = await stack.ok(
        `query($id: ID!) { tenant(id: $id) { name kind depth parent { name depth parent { name parent { name kind depth parent { id } } } } } }`,
        { id: paris },
        org1.token,
      );
      expect(tenant).toEqual({
        name: 'Paris',
        kind: 'SPOKE',
        depth: 3,
        parent: { name: 'France', depth: 2, parent: { name: 'Europe', parent: { name: 'Org One', kind: 'HUB', depth: 0, parent: null } } },
      });
      const { tenant: hub } = await stack.ok(TENANT, { id: org1.hubId }, org1.token);
      expect(hub.children.map((child: { name: string }) => child.name)).toEqual(['Asia', 'Europe']);
      const rows = (await stack.db.query(`SELECT depth, path FROM tenants WHERE id = $1`, [paris])).rows;
      expect(rows).toEqual([{ depth: 3, path: [org1.hubId, europe, france, paris] }]);
    });

    it('refuses a duplicate sibling name and a blank one', async () => {
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: org1.hubId, name: 'europe' } }, org1.token))).toEqual(['CONFLICT']);
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: org1.hubId, name: '   ' } }, org1.token))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: 'not-a-uuid', name: 'X' } }, org1.token))).toEqual(['BAD_USER_INPUT']);
    });

    it('adds a new user with a password at once, and only invites an existing one', async () => {
      const email = `new.${randomUUID().slice(0, 8)}@example.com`;
      const created = await stack.ok(ADD_MEMBER, { input: { tenantId: france, email, password: PASSWORD, role: 'PROJECT_MANAGER' } }, org1.token);
      expect(created.addMember).toEqual({ role: 'PROJECT_MANAGER', tenant: { id: france } });
      const { login } = await stack.ok(LOGIN, { input: { email, password: PASSWORD } });

      const existing = await stack.ok(ADD_MEMBER, { input: { tenantId: asia, email, role: 'VIEWER' } }, org1.token);
      expect(existing.addMember).toEqual({ role: 'VIEWER', tenant: { id: asia } });
      const { me } = await stack.ok(`{ me { memberships { role status tenant { name } } } }`, {}, login.token);
      expect(me.memberships.map((m: { role: string; status: string; tenant: { name: string } }) => `${m.tenant.name}:${m.role}:${m.status}`).sort()).toEqual([
        'Asia:VIEWER:INVITED',
        'France:PROJECT_MANAGER:ACTIVE',
      ]);
      expect(await count(`SELECT count(*) FROM users WHERE lower(email) = $1`, [email])).toBe(1);

      const again = await stack.gql(ADD_MEMBER, { input: { tenantId: asia, email, role: 'VIEWER' } }, org1.token);
      expect(codes(again)).toEqual(['CONFLICT']);
      // A password given for an existing account changes nothing of it: the account is invited.
      const withPassword = await stack.ok(ADD_MEMBER, { input: { tenantId: paris, email, password: 'another long password', role: 'VIEWER' } }, org1.token);
      expect(withPassword.addMember).toEqual({ role: 'VIEWER', tenant: { id: paris } });
      await stack.ok(LOGIN, { input: { email, password: PASSWORD } });
    });
  });

  describe('roles', () => {
    it('lets a PMO_LEAD grant up to PMO_LEAD, never ORG_ADMIN', async () => {
      const lead = await stack.member(org1.token, europe, 'PMO_LEAD');
      const email = `lead.grant.${randomUUID().slice(0, 8)}@example.com`;
      const refused = await stack.gql(ADD_MEMBER, { input: { tenantId: france, email, password: PASSWORD, role: 'ORG_ADMIN' } }, lead);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(await count(`SELECT count(*) FROM users WHERE email = $1`, [email])).toBe(0);
      const granted = await stack.ok(ADD_MEMBER, { input: { tenantId: france, email, password: PASSWORD, role: 'PMO_LEAD' } }, lead);
      expect(granted.addMember.role).toBe('PMO_LEAD');
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: france, name: 'Lyon' } }, lead))).toEqual(['FORBIDDEN']);
    });

    it('lets a VIEWER read but not create spokes or add members', async () => {
      expect((await stack.ok(TENANT, { id: france }, europeViewer)).tenant.name).toBe('France');
      const before = await count(`SELECT count(*) FROM tenants`);
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: europe, name: 'Spain' } }, europeViewer))).toEqual(['FORBIDDEN']);
      const add = await stack.gql(ADD_MEMBER, { input: { tenantId: europe, email: 'v@example.com', password: PASSWORD, role: 'VIEWER' } }, europeViewer);
      expect(codes(add)).toEqual(['FORBIDDEN']);
      expect(await count(`SELECT count(*) FROM tenants`)).toBe(before);
    });

    it('keeps a spoke ORG_ADMIN inside their subtree: the hub is FORBIDDEN, a sibling NOT_FOUND', async () => {
      expect((await stack.ok(CREATE_SPOKE, { input: { parentId: france, name: 'Lyon' } }, europeAdmin)).createSpoke).toMatchObject({ name: 'Lyon', depth: 3 });
      const before = await count(`SELECT count(*) FROM tenants`);
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: org1.hubId, name: 'Africa' } }, europeAdmin))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.gql(CREATE_SPOKE, { input: { parentId: asia, name: 'Japan' } }, europeAdmin))).toEqual(['NOT_FOUND']);
      const email = `spoke.admin.${randomUUID().slice(0, 8)}@example.com`;
      const atHub = await stack.gql(ADD_MEMBER, { input: { tenantId: org1.hubId, email, password: PASSWORD, role: 'VIEWER' } }, europeAdmin);
      const atSibling = await stack.gql(ADD_MEMBER, { input: { tenantId: asia, email, password: PASSWORD, role: 'VIEWER' } }, europeAdmin);
      expect(codes(atHub)).toEqual(['FORBIDDEN']);
      expect(codes(atSibling)).toEqual(['NOT_FOUND']);
      expect(await count(`SELECT count(*) FROM tenants`)).toBe(before);
      expect(await count(`SELECT count(*) FROM users WHERE email = $1`, [email])).toBe(0);
    });
  });

  describe('isolation', () => {
    it('hides a sibling spoke: null, absent from children, while the owner connection sees it', async () => {
      expect((await stack.ok(TENANT, { id: asia }, europeViewer)).tenant).toBeNull();
      expect((await stack.ok(TENANT, { id: asia }, org1.token)).tenant.name).toBe('Asia');
      expect(await count(`SELECT count(*) FROM tenants WHERE id = $1`, [asia])).toBe(1);

      const { tenant: hub } = await stack.ok(TENANT, { id: org1.hubId }, europeViewer);
      // The hub is an ancestor: identity only, and of its children only the caller's own.
      expect(hub).toEqual({ id: org1.hubId, name: 'Org One', kind: 'HUB', depth: 0, parent: null, children: [{ id: europe, name: 'Europe' }] });
      const { me } = await stack.ok(ME, {}, europeViewer);
      expect(me.memberships).toEqual([{ role: 'VIEWER', tenant: { id: europe, name: 'Europe' } }]);
      expect(codes(await stack.gql(AUDIT, { tenantId: org1.hubId }, europeAdmin))).toEqual(['FORBIDDEN']);
    });

    it('hides another organization entirely, and writes nothing for attempts into it', async () => {
      for (const id of [org1.hubId, europe, paris, asia]) expect((await stack.ok(TENANT, { id }, org2.token)).tenant).toBeNull();
      expect((await stack.ok(TENANT, { id: randomUUID() }, org2.token)).tenant).toBeNull();
      const before = {
        tenants: await count(`SELECT count(*) FROM tenants`),
        memberships: await count(`SELECT count(*) FROM memberships`),
        users: await count(`SELECT count(*) FROM users`),
        audit: await count(`SELECT count(*) FROM audit_log`),
      };
      const spoke = await stack.gql(CREATE_SPOKE, { input: { parentId: org1.hubId, name: 'Trojan' } }, org2.token);
      const email = `intruder.${randomUUID().slice(0, 8)}@example.com`;
      const member = await stack.gql(ADD_MEMBER, { input: { tenantId: europe, email, password: PASSWORD, role: 'ORG_ADMIN' } }, org2.token);
      const existing = await stack.gql(ADD_MEMBER, { input: { tenantId: europe, email: org2.email, role: 'ORG_ADMIN' } }, org2.token);
      expect([...codes(spoke), ...codes(member), ...codes(existing)]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect({
        tenants: await count(`SELECT count(*) FROM tenants`),
        memberships: await count(`SELECT count(*) FROM memberships`),
        users: await count(`SELECT count(*) FROM users`),
        audit: await count(`SELECT count(*) FROM audit_log`),
      }).toEqual(before);
      expect(await count(`SELECT count(*) FROM tenants WHERE name = 'Trojan'`)).toBe(0);
    });
  });

  describe('forged tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);

    // A forged token is answered like a missing one: 200, UNAUTHENTICATED, no data.
    async function expectRefused(token: string) {
      const res = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }>; data?: unknown };
      expect({ status: res.status, codes: codes(body), data: body.data }).toEqual({ status: 200, codes: ['UNAUTHENTICATED'], data: null });
    }

    it('accepts the real token, so the refusals below are about the forgery', async () => {
      expect((await stack.ok(`{ me { id } }`, {}, org1.token)).me.id).toBe(org1.userId);
    });

    it('refuses alg none', async () => {
      await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: org1.userId, iat: now(), exp: now() + 3600 })}.`);
    });

    it("refuses a payload changed to another user's id under the original signature", async () => {
      const [header, , signature] = org2.token.split('.');
      await expectRefused(`${header}.${b64({ sub: org1.userId, iat: now(), exp: now() + 3600 })}.${signature}`);
    });

    it('refuses a token signed with another secret', async () => {
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: org1.userId, iat: now(), exp: now() + 3600 })}`;
      await expectRefused(`${unsigned}.${createHmac('sha256', 'guessed-secret-guessed-secret-guessed').update(unsigned).digest('base64url')}`);
    });

    it('refuses garbage', async () => {
      await expectRefused('garbage');
      await expectRefused('a.b.c');
    });
  });

  describe('hostile input', () => {
    async function raw(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
      const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers, body });
      const text = await res.text();
      let json: { errors?: Array<{ extensions?: { code?: string } }> } = {};
      try {
        json = JSON.parse(text);
      } catch {
        // asserted by the caller through codes()
      }
      return { status: res.status, codes: codes(json), text };
    }

    it('refuses an invalid email, a short password and a duplicate email', async () => {
      const signUp = (email: string, password = PASSWORD) => stack.gql(SIGN_UP, { input: { organizationName: 'X', email, password } });
      expect(codes(await signUp('not-an-email'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await signUp(`short.${randomUUID().slice(0, 8)}@example.com`, 'short'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await signUp(org1.email.toUpperCase()))).toEqual(['CONFLICT']);
    });

    it('answers a malformed JSON body with 400 and a code', async () => {
      expect(await raw('{"query": "{ me { id } }"')).toMatchObject({ status: 400, codes: ['BAD_USER_INPUT'] });
    });

    it('refuses an 8 MiB body with 413 and a code, and stays up', async () => {
      const body = JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(8 * 1024 * 1024) } });
      expect(await raw(body)).toMatchObject({ status: 413, codes: ['BAD_USER_INPUT'] });
      expect((await fetch(`${stack.url}/health`)).status).toBe(200);
      expect((await stack.ok(`{ me { id } }`, {}, org1.token)).me.id).toBe(org1.userId);
    });

    it('refuses a batched array body', async () => {
      const batch = await raw(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { email } }' }]));
      expect(batch.status).toBe(400);
      expect(batch.text).not.toContain(org1.userId);
    });

    it('refuses a query 30 levels deep and one with 200 aliases', async () => {
      const deep = `query($id: ID!) { tenant(id: $id) { ${'parent { '.repeat(28)}id${' }'.repeat(28)} } }`;
      const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      expect(codes(await stack.gql(deep, { id: paris }, org1.token))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.gql(aliases, {}, org1.token))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('HTTP surface', () => {
    it('reports health', async () => {
      const res = await fetch(`${stack.url}/health`);
      expect(res.status).toBe(200);
      // The test servers are given DATABASE_URL; the queue is the run's setup's.
      expect(await res.json()).toEqual({ status: 'ok', database: 'up', queue: 'up', mode: { database: 'server', queue: QUEUE_BACKEND } });
      expect(res.headers.get('x-powered-by')).toBeNull();
    });

    it('serves GraphiQL from local assets, with no CDN', async () => {
      const res = await fetch(`${stack.url}/graphiql`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('GraphiQL');
      expect(html).not.toMatch(/https?:\/\//);
      const assets = html.match(/\/graphiql\/assets\/[\w.-]+/g) ?? [];
      expect(assets).toHaveLength(4);
      for (const asset of assets) expect({ asset, status: (await fetch(`${stack.url}${asset}`)).status }).toEqual({ asset, status: 200 });
      expect((await fetch(`${stack.url}/graphiql/assets/constructor`)).status).toBe(404);
    });

    it('refuses a mutation over GET', async () => {
      const query = encodeURIComponent(`mutation { createSpoke(input: { parentId: "${org1.hubId}", name: "Via GET" }) { id } }`);
      const res = await fetch(`${stack.url}/graphql?query=${query}`, {
        headers: { authorization: `Bearer ${org1.token}`, 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(405);
      expect(await count(`SELECT count(*) FROM tenants WHERE name = 'Via GET'`)).toBe(0);
    });

    it('refuses a simple (CSRF-able) POST with content-type text/plain', async () => {
      const res = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${org1.token}` },
        body: JSON.stringify({ query: `mutation { createSpoke(input: { parentId: "${org1.hubId}", name: "Via CSRF" }) { id } }` }),
      });
      expect(res.status).toBe(400);
      expect(await count(`SELECT count(*) FROM tenants WHERE name = 'Via CSRF'`)).toBe(0);
    });
  });

  describe('audit log', () => {
    it('shows an ORG_ADMIN the subtree, newest first, with what changed', async () => {
      const { auditLog } = await stack.ok(AUDIT, { tenantId: org1.hubId, first: 100 }, org1.token);
      const nodes = auditLog.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
      const times = nodes.map((node: { at: string }) => new Date(node.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(nodes.map((node: { action: string }) => node.action)).toEqual(expect.arrayContaining(['sign-up', 'provisioned', 'create']));
      const spoke = nodes.find((node: { entityId: string }) => node.entityId === paris);
      expect(spoke).toMatchObject({ entity: 'tenant', action: 'create', actorId: org1.userId, tenant: { id: paris }, before: null });
      expect(JSON.parse(spoke.after)).toEqual({ name: 'Paris', parentId: france });
      expect(new Date(spoke.at).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
      // Exactly the entries of org1's tenants: the owner connection counts the same.
      expect(nodes.length).toBe(await count(`SELECT count(*) FROM audit_log WHERE org_id = $1`, [org1.hubId]));
      expect(await count(`SELECT count(*) FROM audit_log WHERE org_id = $1`, [org2.hubId])).toBeGreaterThan(0);
    });

    it('pages by cursor without gaps or overlaps', async () => {
      const all = (await stack.ok(AUDIT, { tenantId: org1.hubId, first: 100 }, org1.token)).auditLog.edges.map((e: { node: { id: string } }) => e.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const { auditLog }: { auditLog: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
          await stack.ok(AUDIT, { tenantId: org1.hubId, first: 3, after }, org1.token);
        seen.push(...auditLog.edges.map((edge) => edge.node.id));
        if (!auditLog.pageInfo.hasNextPage) break;
        after = auditLog.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
      expect(codes(await stack.gql(AUDIT, { tenantId: org1.hubId, after: 'forged' }, org1.token))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.gql(AUDIT, { tenantId: org1.hubId, first: 1000 }, org1.token))).toEqual(['BAD_USER_INPUT']);
    });

    it("limits a spoke ORG_ADMIN to the spoke's subtree", async () => {
      const { auditLog } = await stack.ok(AUDIT, { tenantId: europe, first: 100 }, europeAdmin);
      const tenants = new Set(auditLog.edges.map((edge: { node: { tenant: { id: string } } }) => edge.node.tenant.id));
      expect(tenants.size).toBeGreaterThan(1);
      const subtree = (await stack.db.query(`SELECT id FROM tenants WHERE path @> ARRAY[$1::uuid]`, [europe])).rows.map((row) => row.id);
      for (const id of tenants) expect(subtree).toContain(id);
      const hubEntries = await count(`SELECT count(*) FROM audit_log WHERE tenant_id = ANY($1::uuid[])`, [[org1.hubId, asia]]);
      expect(hubEntries).toBeGreaterThan(0);
    });

    it('is FORBIDDEN to a VIEWER and NOT_FOUND to another organization', async () => {
      expect(codes(await stack.gql(AUDIT, { tenantId: europe }, europeViewer))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.gql(AUDIT, { tenantId: org1.hubId }, org2.token))).toEqual(['NOT_FOUND']);
      expect(codes(await stack.gql(AUDIT, { tenantId: randomUUID() }, org2.token))).toEqual(['NOT_FOUND']);
    });
  });

  it('serves exactly the committed schema (regenerate apps/api/schema.graphql when it changes)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'api', 'schema.graphql'), 'utf8');
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(committed);
  });

  describe('row level security, seen from the database', () => {
    let app: Client;

    beforeAll(async () => {
      app = new Client({ connectionString: appUrl(stack.database) });
      await app.connect();
    });

    afterAll(async () => {
      await app?.end();
    });

    const tenantOwnedTables = async (): Promise<string[]> =>
      (
        await stack.db.query(
          `SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
        )
      ).rows.map((row) => row.table_name);

    it('forces RLS on every table with a tenant_id, and on tenants and users', async () => {
      const tables = await tenantOwnedTables();
      expect(tables).toEqual(expect.arrayContaining(['audit_log', 'memberships', 'outbox', 'projects']));
      const { rows } = await stack.db.query(
        `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname = ANY($1) ORDER BY relname`,
        [[...tables, 'tenants', 'users']],
      );
      expect(rows.map((row) => row.relname).sort()).toEqual([...tables, 'tenants', 'users'].sort());
      for (const row of rows)
        expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
          table: row.relname,
          enabled: true,
          forced: true,
        });
    });

    it('shows the app role nothing without a tenant context, while the owner sees rows', async () => {
      const tables = [...(await tenantOwnedTables()), 'tenants', 'users'];
      for (const table of tables) {
        const seen = Number((await app.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
        expect({ table, seen }).toEqual({ table, seen: 0 });
      }
      for (const table of ['tenants', 'users', 'memberships', 'audit_log']) expect(await count(`SELECT count(*) FROM ${table}`)).toBeGreaterThan(0);
    });

    it("shows a user's organization only, inside the transaction that entered it", async () => {
      const org1Tenants = await count(`SELECT count(*) FROM tenants WHERE org_id = $1`, [org1.hubId]);
      const everything = {
        tenants: await count(`SELECT count(*) FROM tenants`),
        orgs: await count(`SELECT count(DISTINCT org_id) FROM tenants`),
      };
      expect(everything.orgs).toBeGreaterThanOrEqual(2);
      await app.query('BEGIN');
      try {
        await app.query('SELECT pmo_enter_session($1)', [sessionOf(org1.token)]);
        const orgsOf = async (table: string) => (await app.query(`SELECT DISTINCT org_id FROM ${table}`)).rows.map((row) => row.org_id);
        for (const table of ['tenants', 'memberships', 'audit_log']) expect({ table, orgs: await orgsOf(table) }).toEqual({ table, orgs: [org1.hubId] });
        expect(Number((await app.query('SELECT count(*) FROM tenants')).rows[0].count)).toBe(org1Tenants);
        expect(org1Tenants).toBeLessThan(everything.tenants);
        expect((await app.query('SELECT id FROM tenants WHERE id = $1', [org2.hubId])).rows).toEqual([]);
      } finally {
        await app.query('COMMIT');
      }
      // The settings were transaction-local: the same connection sees nothing again.
      await app.query('BEGIN');
      try {
        expect(Number((await app.query('SELECT count(*) FROM tenants')).rows[0].count)).toBe(0);
        expect((await app.query(`SELECT coalesce(current_setting('app.tenant_ids', true), '') AS ids`)).rows[0].ids).toBe('');
      } finally {
        await app.query('COMMIT');
      }
      expect(Number((await app.query('SELECT count(*) FROM audit_log')).rows[0].count)).toBe(0);
    });

    it('never lets the app role change or delete audit entries, even its own', async () => {
      for (const statement of [`UPDATE audit_log SET action = 'rewritten'`, 'DELETE FROM audit_log']) {
        await app.query('BEGIN');
        try {
          await app.query('SELECT pmo_enter_session($1)', [sessionOf(org1.token)]);
          await expect(app.query(statement)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
        } finally {
          await app.query('ROLLBACK');
        }
      }
      expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'rewritten'`)).toBe(0);
    });

    it('refuses to write a row into a tenant outside the entered context', async () => {
      await app.query('BEGIN');
      try {
        await app.query('SELECT pmo_enter_session($1)', [sessionOf(org2.token)]);
        await expect(
          app.query(`INSERT INTO audit_log (tenant_id, org_id, entity, entity_id, action) VALUES ($1, $1, 'x', 'x', 'forged')`, [org1.hubId]),
        ).rejects.toMatchObject({ code: '42501' });
      } finally {
        await app.query('ROLLBACK');
      }
      expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'forged'`)).toBe(0);
    });
  });
});
