// Hardening of the GraphQL surface, end to end against real api processes: one validation
// path for HTTP and WebSocket (tokens, depth, aliases, fields, cost, one operation,
// production introspection), fairness between users (in-flight operations, subscriptions,
// a bystander's latency under a flood), the listening address, CORS, and one answer for a
// missing, invalid or expired token.
import { createHmac, randomUUID } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getIntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { GqlData, GqlErrors, request, sessionOf, Stack } from '@pmo/testing';

const JWT_SECRET = 'hardening-e2e-secret-0123456789abcdef';
const PROD_ORIGIN = 'https://pmo.example';

type Errors = GqlErrors;

const codes = (errors?: Errors) => (errors ?? []).map((error) => error.extensions?.code);
/** What a client sees of an error, transport aside. */
const visible = (errors?: Errors) => (errors ?? []).map((error) => ({ message: error.message, code: error.extensions?.code }));
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signed(claims: object, secret = JWT_SECRET): string {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const PAGE = `query($t: ID!, $n: Int!) {
  projects(tenantId: $t, first: $n) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code name state tenant { id name depth } program { id name } latestStatusReport { period overall } milestones { name status } } }
  }
}`;
/** The same page asked 24 times under aliases: within the alias and field limits. */
const pages = (hubId: string, count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `p${i}: projects(tenantId: "${hubId}", first: 1000) { edges { node { id code name } } }`).join(' ')} }`;
/** The 47 KB WebSocket message: 250 aliased pages with nested fields. */
const floodMessage = (hubId: string) =>
  `{ ${Array.from(
    { length: 250 },
    (_, i) =>
      `page${i}: projects(tenantId: "${hubId}", first: 1000) { edges { node { id code name state tenant { id name depth } program { id name } milestones { name status } } } }`,
  ).join(' ')} }`;
const DEEP = `{ me { memberships { tenant { ${'parent { '.repeat(26)}id${' }'.repeat(26)} } } } }`;
const ALIASES = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
const TWO_OPERATIONS = `query A { me { id } } query B { me { email } }`;

describe('hardening: GraphQL', () => {
  let stack: Stack;
  let prod: Stack;

  beforeAll(async () => {
    [stack, prod] = await Promise.all([
      // A short waiting line: the refusal tests then do not depend on how fast 40 requests arrive.
      Stack.start({ env: { JWT_SECRET, GRAPHQL_MAX_QUEUED_PER_USER: '4' } }),
      Stack.start({ noWorker: true, env: { NODE_ENV: 'production', JWT_SECRET, CORS_ORIGINS: PROD_ORIGIN } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stack?.stop(), prod?.stop()]);
  });

  const ws = (on: Stack, token?: string) => on.socket({ token }).client;
  async function rawHttp(on: Stack, init: RequestInit & { headers?: Record<string, string> }) {
    const res = await fetch(`${on.url}/graphql`, init);
    const text = await res.text();
    let body: GqlData = undefined;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: asserted through status and text
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  describe('one validation path for HTTP and WebSocket', () => {
    let org: Awaited<ReturnType<Stack['signUp']>>;

    beforeAll(async () => {
      org = await stack.signUp();
    });

    it('refuses over WebSocket exactly what HTTP refuses, with the same messages and codes', async () => {
      const client = ws(stack, org.token);
      const documents = { deep: DEEP, aliases: ALIASES, flood: floodMessage(org.hubId), syntax: '{ me { id ', pages: pages(org.hubId, 24) };
      for (const [name, query] of Object.entries(documents)) {
        const http = await stack.gql(query, {}, org.token);
        const socket = await request(client, { query });
        expect({ name, codes: codes(http.errors), data: http.data }).toEqual({ name, codes: ['BAD_USER_INPUT'], data: undefined });
        expect({ name, ws: visible(socket.errors), data: socket.data }).toEqual({ name, ws: visible(http.errors), data: undefined });
      }
    });

    it('answers the 47 KB flood message at once and keeps the socket serving', async () => {
      const client = ws(stack, org.token);
      const message = floodMessage(org.hubId);
      expect(message.length).toBeGreaterThan(40_000);
      const started = performance.now();
      const answer = await request(client, { query: message });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(codes(answer.errors)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors?.[0].message).toMatch(/tokens/);
      // A syntax error is an answer, not a reason to drop the connection.
      expect(codes((await request(client, { query: '{ me { id ' })).errors)).toEqual(['BAD_USER_INPUT']);
      expect(await request(client, { query: '{ me { id } }' })).toEqual({ data: { me: { id: org.userId } } });
    });

    it('refuses a document of several operations unless operationName selects one, on both transports', async () => {
      const client = ws(stack, org.token);
      const http = await stack.gql(TWO_OPERATIONS, {}, org.token);
      expect(codes(http.errors)).toEqual(['BAD_USER_INPUT']);
      expect(visible((await request(client, { query: TWO_OPERATIONS })).errors)).toEqual(visible(http.errors));

      const unknown = await rawHttp(stack, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${org.token}` },
        body: JSON.stringify({ query: TWO_OPERATIONS, operationName: 'C' }),
      });
      expect(codes(unknown.body.errors)).toEqual(['BAD_USER_INPUT']);
      expect(visible((await request(client, { query: TWO_OPERATIONS, operationName: 'C' })).errors)).toEqual(visible(unknown.body.errors));

      const selected = await rawHttp(stack, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${org.token}` },
        body: JSON.stringify({ query: TWO_OPERATIONS, operationName: 'B' }),
      });
      expect(selected.body.data).toEqual({ me: { email: org.email } });
      expect(await request(client, { query: TWO_OPERATIONS, operationName: 'B' })).toEqual({ data: { me: { email: org.email } } });
    });

    it('refuses a 745 KB document of 36,000 anonymous operations at parse, in well under a second', async () => {
      const operations = Array.from({ length: 36_000 }, (_, i) => `query Q${i} { me { id } }`).join('\n');
      expect(operations.length).toBeGreaterThan(700_000);
      const started = performance.now();
      const [flood, bystander] = await Promise.all([
        rawHttp(stack, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operations, operationName: 'Q1' }) }),
        (async () => {
          await sleep(20);
          const sent = performance.now();
          const result = await stack.gql('{ me { id } }', {}, org.token);
          return { ms: performance.now() - sent, result };
        })(),
      ]);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(codes(flood.body.errors)).toEqual(['BAD_USER_INPUT']);
      expect(flood.body.errors[0].message).toMatch(/tokens/);
      expect(bystander.result.data).toEqual({ me: { id: org.userId } });
      expect(bystander.ms).toBeLessThan(1000);
    });
  });

  describe('introspection', () => {
    it('serves the standard introspection query over HTTP and WebSocket in development, and the GraphiQL page', async () => {
      const { token } = await stack.signUp();
      const http = await stack.gql(getIntrospectionQuery());
      expect(http.errors).toBeUndefined();
      expect(http.data.__schema.queryType).toMatchObject({ name: 'Query' });
      expect(http.data.__schema.types.length).toBeGreaterThan(50);
      const socket = await request(ws(stack, token), { query: getIntrospectionQuery() });
      expect(socket.data?.__schema.queryType).toMatchObject({ name: 'Query' });
      const page = await fetch(`${stack.url}/graphiql`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('GraphiQL');
    });

    it('still counts introspection against the other limits: a deep query hidden under __type is refused', async () => {
      const { token } = await stack.signUp();
      const underType = `{ __type(name: "Query") { name } me { memberships { tenant { ${'parent { '.repeat(26)}id${' }'.repeat(26)} } } } }`;
      expect(codes((await stack.gql(underType, {}, token)).errors)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses introspection in production over HTTP and WebSocket', async () => {
      const { token } = await prod.signUp();
      const http = await prod.gql(getIntrospectionQuery(), {}, token);
      expect(codes(http.errors)).toEqual(['BAD_USER_INPUT']);
      expect(http.errors?.[0].message).toMatch(/introspection/i);
      const typeOnly = await prod.gql('{ __type(name: "Query") { name } }', {}, token);
      expect(codes(typeOnly.errors)).toEqual(['BAD_USER_INPUT']);
      const socket = await request(ws(prod, token), { query: getIntrospectionQuery() });
      expect(socket.data).toBeUndefined();
      expect(visible(socket.errors)).toEqual(visible(http.errors));
      expect((await prod.ok('{ __typename me { id } }', {}, token)).__typename).toBe('Query');
    });

    it('names no field the caller did not ask for in production: no "Did you mean" over HTTP or WebSocket', async () => {
      const { token } = await prod.signUp();
      const typo = '{ me { emial } }';
      const inDevelopment = await stack.gql(typo, {}, (await stack.signUp()).token);
      expect(inDevelopment.errors?.[0].message).toMatch(/Did you mean "email"\?/); // bites: development suggests
      const http = await prod.gql(typo, {}, token);
      const socket = await request(ws(prod, token), { query: typo });
      for (const errors of [http.errors, socket.errors]) {
        expect(codes(errors)).toEqual(['BAD_USER_INPUT']);
        expect(errors?.[0].message).not.toMatch(/Did you mean|email/);
      }
    });
  });

  describe('transports', () => {
    it('answers a subscription sent over HTTP with a coded refusal, not an internal error', async () => {
      const result = await stack.gql(`subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { value } }`, { t: randomUUID() });
      expect({ status: result.status, codes: codes(result.errors) }).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    });

    it('closes a WebSocket that sends a message over 1 MB before anything is parsed, and keeps serving', async () => {
      const socket = new WebSocket(stack.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { x: 'x'.repeat(2 * 1024 * 1024) } }));
      expect(await closed).toBe(1009); // ws: message too big
      expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    });
  });

  describe('cost and fairness', () => {
    let attacker: Awaited<ReturnType<Stack['signUp']>>;
    let bystander: Awaited<ReturnType<Stack['signUp']>>;

    beforeAll(async () => {
      attacker = await stack.signUp();
      bystander = await stack.signUp();
      // 1,000 projects in the attacker's hub, written as the owner (a realistic page size).
      await stack.db.query(
        `INSERT INTO projects (id, org_id, tenant_id, code, name, state)
         SELECT gen_random_uuid(), $1, $1, 'P' || lpad(i::text, 5, '0'), 'Project ' || i, 'ACTIVE' FROM generate_series(0, 999) i`,
        [attacker.hubId],
      );
    });

    it("lets one projects(first: 1000) page with nested fields through (the benchmark's query)", async () => {
      const data = await stack.ok(PAGE, { t: attacker.hubId, n: 1000 }, attacker.token);
      expect(data.projects.edges).toHaveLength(1000);
    });

    it('prices a list without paging at what it may return: 30 aliased kpiValues are refused by cost, one is served', async () => {
      const project = (await stack.db.query('SELECT id FROM projects WHERE org_id = $1 LIMIT 1', [attacker.hubId])).rows[0].id;
      const aliases = Array.from({ length: 30 }, (_, i) => `v${i}: kpiValues(projectId: $p) { period value weight recordedAt }`).join(' ');
      const refused = await stack.gql(`query($p: ID!) { ${aliases} }`, { p: project }, attacker.token);
      expect(codes(refused.errors)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0].message).toMatch(/cost/);
      expect(codes((await stack.gql(`query($p: ID!) { kpiValues(projectId: $p) { period value } }`, { p: project }, attacker.token)).errors)).toEqual([]);
    });

    it('refuses 24 aliased pages by their estimated cost, saying the cost and the budget', async () => {
      const result = await stack.gql(pages(attacker.hubId, 24), {}, attacker.token);
      expect(result.status).toBe(400);
      expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
      const [error] = result.errors as Errors;
      expect(error.message).toMatch(/cost/);
      expect(error.extensions).toMatchObject({ cost: expect.any(Number), budget: expect.any(Number) });
      expect(error.extensions?.cost as number).toBeGreaterThan(error.extensions?.budget as number);
    });

    it('caps operations in flight per user over HTTP: 429 RATE_LIMITED with retryAfter, others unaffected', async () => {
      const heavy = `query($t: ID!) { projects(tenantId: $t, first: 1000) { edges { node { id code name } } } }`;
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          rawHttp(stack, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${attacker.token}` },
            body: JSON.stringify({ query: heavy, variables: { t: attacker.hubId } }),
          }),
        ),
      );
      const refused = results.filter((result) => result.body?.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
      const served = results.filter((result) => result.body?.data?.projects?.edges?.length === 1000);
      expect(refused.length).toBeGreaterThan(0);
      expect(served.length + refused.length).toBe(40);
      for (const result of refused) {
        expect(result.status).toBe(429);
        const retryAfter = result.body.errors[0].extensions.retryAfter;
        expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
        expect(result.headers.get('retry-after')).toBe(String(retryAfter));
      }
      // The slots are given back: the same user is served again.
      expect((await stack.ok('{ me { id } }', {}, attacker.token)).me.id).toBe(attacker.userId);
    });

    it('caps operations in flight per user over WebSocket too', async () => {
      const client = ws(stack, attacker.token);
      const heavy = `query($t: ID!) { projects(tenantId: $t, first: 1000) { edges { node { id code name } } } }`;
      const answers = await Promise.all(Array.from({ length: 40 }, () => request(client, { query: heavy, variables: { t: attacker.hubId } })));
      const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer.data?.projects?.edges?.length === 1000).length + refused.length).toBe(40);
      for (const answer of refused) expect(answer.errors?.[0].extensions?.retryAfter).toEqual(expect.any(Number));
      expect(await request(client, { query: '{ me { id } }' })).toEqual({ data: { me: { id: attacker.userId } } });
    });

    it('caps subscriptions per connection and per user, and gives them back when they end', async () => {
      const subscriber = await stack.signUp();
      const SUBSCRIPTION = `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { value } }`;
      const open = (client: Client, count: number) => {
        const refusals: Errors = [];
        const stops = Array.from({ length: count }, () =>
          client.subscribe(
            { query: SUBSCRIPTION, variables: { t: subscriber.hubId } },
            {
              next: () => undefined,
              error: (error) => refusals.push(...(Array.isArray(error) ? (error as Errors) : [{ message: String(error) }])),
              complete: () => undefined,
            },
          ),
        );
        return { refusals, stops };
      };
      /** Waits until the server handled everything sent so far on this connection. */
      const settle = async (client: Client) => {
        expect((await request(client, { query: '{ me { id } }' })).data).toEqual({ me: { id: subscriber.userId } });
        await sleep(200);
      };

      const first = ws(stack, subscriber.token);
      const a = open(first, 21);
      await settle(first);
      expect(codes(a.refusals)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      expect(a.refusals[0].extensions).toMatchObject({ limit: 20, scope: 'connection' });

      const second = ws(stack, subscriber.token);
      const third = ws(stack, subscriber.token);
      const b = open(second, 20);
      await settle(second);
      const c = open(third, 20);
      await settle(third);
      expect(codes(b.refusals)).toEqual([]);
      expect(codes(c.refusals)).toEqual(Array(10).fill('TOO_MANY_SUBSCRIPTIONS'));
      expect(c.refusals[0].extensions).toMatchObject({ limit: 50, scope: 'user' });

      // Completing one subscription frees its place; closing a socket frees all of its own.
      a.stops[0]();
      await sleep(200);
      const d = open(third, 1);
      await settle(third);
      expect(codes(d.refusals)).toEqual([]);
      await second.dispose();
      await sleep(300);
      const e = open(third, 9);
      await settle(third);
      expect(codes(e.refusals)).toEqual([]);
    });

    it('answers a bystander of another organization in under 1 s while an attacker floods heavy queries', async () => {
      const FLOOD_MS = 8000;
      const heavy = [
        { query: PAGE, variables: { t: attacker.hubId, n: 1000 } },
        { query: pages(attacker.hubId, 24), variables: {} },
      ];
      const outcomes: Record<string, number> = {};
      // What one page takes on this machine right now, before the flood.
      const alone = performance.now();
      await stack.ok(PAGE, { t: attacker.hubId, n: 1000 }, attacker.token);
      const pageMs = performance.now() - alone;
      const deadline = performance.now() + FLOOD_MS;
      const flood = Array.from({ length: 12 }, async (_, client) => {
        for (let i = client; performance.now() < deadline; i++) {
          const result = await rawHttp(stack, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${attacker.token}` },
            body: JSON.stringify(heavy[i % heavy.length]),
          });
          const outcome = result.body?.errors?.[0]?.extensions?.code ?? (result.body?.data ? 'served' : `HTTP ${result.status}`);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      });
      const waits: number[] = [];
      const observer = (async () => {
        await sleep(500);
        while (performance.now() < deadline) {
          const sent = performance.now();
          const result = await stack.gql('{ me { id } }', {}, bystander.token);
          waits.push(performance.now() - sent);
          expect(result.data).toEqual({ me: { id: bystander.userId } });
          await sleep(100);
        }
      })();
      await Promise.all([...flood, observer]);
      const worst = Math.max(...waits);
      const sorted = [...waits].sort((x, y) => x - y);
      console.log(
        `bystander under flood: ${waits.length} requests, worst ${worst.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms; attacker outcomes ${JSON.stringify(outcomes)}`,
      );
      expect(outcomes.served).toBeGreaterThan(0);
      // The bystander waits behind at most about one of the attacker's pages, never behind
      // the twelve the attacker keeps sending (13 s before the limits). The absolute figure,
      // under 1 s on a quiet machine, is measured by `npm run bench:floods`; here the suite
      // shares the machine, so the bound is relative to what one page took alone.
      expect(worst).toBeLessThan(Math.max(1000, 3 * pageMs));
    });
  });

  describe('listening address', () => {
    it('listens on 127.0.0.1 only unless HOST says otherwise', async () => {
      const port = Number(new URL(stack.url).port);
      const others = Object.values(networkInterfaces())
        .flat()
        .map((address) => address?.address ?? '')
        .filter((address) => address && address !== '127.0.0.1' && !address.startsWith('fe80:'));
      expect(others.length).toBeGreaterThan(0);
      for (const host of others) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = tcpConnect({ host, port }, () => {
            socket.destroy();
            resolve('connected');
          });
          socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        expect({ host, outcome }).toEqual({ host, outcome: 'ECONNREFUSED' });
      }
      expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    });
  });

  describe('CORS', () => {
    const preflight = (on: Stack, origin: string) =>
      fetch(`${on.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });

    it('allows any localhost origin in development when CORS_ORIGINS is unset, and no other', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
        const res = await preflight(stack, origin);
        expect({ origin, status: res.status, allowed: res.headers.get('access-control-allow-origin') }).toEqual({ origin, status: 204, allowed: origin });
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
        expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      }
      const { token, userId } = await stack.signUp();
      const res = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(await res.json()).toEqual({ data: { me: { id: userId } }, extensions: expect.anything() });
      for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'https://localhost:5173']) {
        expect({ origin, allowed: (await preflight(stack, origin)).headers.get('access-control-allow-origin') }).toEqual({ origin, allowed: null });
      }
    });

    it('allows exactly the CORS_ORIGINS list in production, and keeps CSRF prevention on', async () => {
      const allowed = await preflight(prod, PROD_ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PROD_ORIGIN);
      for (const origin of ['http://localhost:5173', 'https://pmo.example.evil', 'http://pmo.example']) {
        expect({ origin, allowed: (await preflight(prod, origin)).headers.get('access-control-allow-origin') }).toEqual({ origin, allowed: null });
      }
      const { token } = await prod.signUp();
      const simple = await rawHttp(prod, {
        method: 'POST',
        headers: { origin: PROD_ORIGIN, 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(simple.status).toBe(400);
      expect(simple.text).not.toContain('"me"');
    });
  });

  describe('one answer for a missing, invalid or expired token', () => {
    const now = () => Math.floor(Date.now() / 1000);

    async function meWith(authorization?: string) {
      const res = await rawHttp(stack, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      return { status: res.status, body: res.body };
    }

    it('answers a protected operation alike for every kind of bad token: 200 and UNAUTHENTICATED', async () => {
      const { userId, token } = await stack.signUp();
      const sid = sessionOf(token);
      const missing = await meWith();
      expect(missing.status).toBe(200);
      expect(codes(missing.body.errors)).toEqual(['UNAUTHENTICATED']);
      const bad = {
        garbage: 'Bearer garbage',
        malformedHeader: 'Token abc',
        expired: `Bearer ${signed({ sub: userId, sid, iat: now() - 7200, exp: now() - 3600 })}`,
        noSession: `Bearer ${signed({ sub: userId, iat: now(), exp: now() + 3600 })}`,
        otherSecret: `Bearer ${signed({ sub: userId, iat: now(), exp: now() + 3600 }, 'another-secret-another-secret-another')}`,
        algNone: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: userId, iat: now(), exp: now() + 3600 })}.`,
      };
      for (const [kind, header] of Object.entries(bad)) expect({ kind, answer: await meWith(header) }).toEqual({ kind, answer: missing });
      expect((await meWith(`Bearer ${signed({ sub: userId, sid, iat: now(), exp: now() + 3600 })}`)).body.data).toEqual({ me: { id: userId } });
    });

    it('still serves public operations (sign-up, login) to a caller with a stale token', async () => {
      const email = `stale.${Date.now()}@example.com`;
      const signUp = await rawHttp(stack, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer expired.or.garbage' },
        body: JSON.stringify({
          query: `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
          variables: { i: { organizationName: 'Stale Org', email, password: 'a long enough password' } },
        }),
      });
      expect(signUp.status).toBe(200);
      expect(signUp.body.data.signUp.token).toEqual(expect.any(String));
      const login = await rawHttp(stack, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer expired.or.garbage' },
        body: JSON.stringify({
          query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
          variables: { i: { email, password: 'a long enough password' } },
        }),
      });
      expect(login.body.data.login.token).toEqual(expect.any(String));
    });

    it('closes a WebSocket whose token is missing, invalid, expired or malformed with 4403 Forbidden, every time', async () => {
      const { token, userId } = await stack.signUp();
      const closeOf = (params: Record<string, unknown> | undefined) =>
        new Promise<{ code: number; reason: string; acked: boolean }>((resolve) => {
          const socket = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
          let acked = false;
          socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', ...(params ? { payload: params } : {}) })));
          socket.on('message', (data) => {
            if (JSON.parse(String(data)).type === 'connection_ack') {
              acked = true;
              socket.close(1000, 'done');
            }
          });
          socket.on('close', (code, reason) => resolve({ code, reason: String(reason), acked }));
        });
      const refused = { code: 4403, reason: 'Forbidden', acked: false };
      const cases: Record<string, Record<string, unknown> | undefined> = {
        none: undefined,
        empty: {},
        garbage: { Authorization: 'Bearer garbage' },
        expired: { Authorization: `Bearer ${signed({ sub: userId, iat: now() - 7200, exp: now() - 3600 })}` },
        malformed: { Authorization: `Token ${token}` },
        notAString: { Authorization: 42 },
      };
      for (let round = 0; round < 3; round++) {
        for (const [kind, params] of Object.entries(cases)) expect({ kind, close: await closeOf(params) }).toEqual({ kind, close: refused });
      }
      expect(await closeOf({ Authorization: `Bearer ${token}` })).toEqual({ code: 1000, reason: 'done', acked: true });
    });
  });
});
