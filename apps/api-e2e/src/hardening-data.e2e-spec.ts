// Hardening of data at the API's edges: KPI figures that cannot blind a hub, NUL bytes
// and logs, opaque audit ids and pages, stable rollup ids, one rule for malformed ids,
// and a live fan-out whose database work does not grow with the number of subscribers.
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, createServer, Server, Socket } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { appUrl, collect, GqlData, GqlResult, Stack } from '@pmo/testing';
import { buildOrg, Org, record } from './rollup-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const codes = (result: GqlResult) => (result.errors ?? []).map((error) => error.extensions?.code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

/** Listens on a free port below the ephemeral range (see STACK.md). */
async function listenLow(server: Server): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return port;
  }
}

async function freeLowPort(): Promise<number> {
  const server = createServer();
  const port = await listenLow(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A pass-through TCP proxy in front of PostgreSQL that counts the transactions its
 * clients open (TypeORM starts each with START TRANSACTION), at once and exactly.
 */
async function transactionCountingProxy(target: URL): Promise<{ port: number; transactions: () => number; reset: () => void; close: () => Promise<void> }> {
  const MARK = 'START TRANSACTION';
  let transactions = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      transactions += text.split(MARK).length - 1;
      tail = text.slice(-(MARK.length - 1));
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  const port = await listenLow(server);
  return {
    port,
    transactions: () => transactions,
    reset: () => void (transactions = 0),
    // Its connections go too: a LISTEN connection (live updates without Redis) never ends by itself.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}

describe('hardening: data', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const socket = (token: string, url = stack.url) => stack.socket({ token, url }).client;

  const recordMany = (token: string, inputs: Array<Record<string, unknown>>) =>
    stack.gql(`mutation($inputs: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $inputs) { value } }`, { inputs }, token);

  describe('KPI figures', () => {
    let org: Org;

    beforeAll(async () => {
      org = await buildOrg(stack, [0], [1, 1, 1]);
    });

    it('refuses values and weights beyond ±1e15, naming the field, alone and in a batch', async () => {
      const huge = await record(stack, org, 0, 0, '2026-03', 1.7e308);
      expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
      const negative = await record(stack, org, 0, 0, '2026-03', -1.000001e15);
      expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
      const heavy = await record(stack, org, 0, 2, '2026-03', 1, 2e15);
      expect(heavy.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weight' });
      // The bounds themselves are fine.
      expect((await record(stack, org, 0, 0, '2026-03', 1e15)).errors).toBeUndefined();
      expect((await record(stack, org, 0, 2, '2026-03', -1e15, 1e15)).errors).toBeUndefined();

      const before = Number((await stack.db.query('SELECT count(*) FROM kpi_values')).rows[0].count);
      const row = (project: number, kpi: number, value: number, weight?: number) => ({
        projectId: org.projects[project],
        kpiKey: org.kpis[kpi].key,
        period: '2026-04',
        value,
        weight,
      });
      const batch = await recordMany(org.token, [row(0, 0, 1), row(1, 0, 1.7e308), row(2, 0, 2), row(0, 2, 1, 1e16)]);
      expect(batch.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(batch.errors?.[0].extensions?.rows).toEqual([
        { index: 1, message: 'value must be a finite number from -1e15 to 1e15' },
        { index: 3, message: 'weight must be a finite number greater than 0 and at most 1e15' },
      ]);
      expect(Number((await stack.db.query('SELECT count(*) FROM kpi_values')).rows[0].count)).toBe(before);
    });

    it('answers a stored figure that does not fit a double with null and an error on that item, and every other KPI', async () => {
      const period = '2026-05';
      for (const [kpi, value] of [
        [0, 7],
        [1, 3],
        [3, 5],
      ] as const)
        expect((await record(stack, org, 0, kpi, period, value)).errors).toBeUndefined();
      await stack.waitForIdle();
      // Two SUM values of 1.7e308 add up beyond any double: written by the owner, as old
      // data or a bug elsewhere could have left it.
      await stack.db.query(
        `UPDATE kpi_rollups r SET value_sum = 3.4e308::numeric FROM kpi_definitions k
          WHERE k.id = r.kpi_id AND k.key = 'k_sum' AND r.tenant_id = $1 AND r.period = $2`,
        [org.hubId, period],
      );

      const all = await stack.gql(
        `query($t: ID!, $p: String!) { kpiRollups(tenantId: $t, period: $p) { kpi { key } value rag projectCount } }`,
        { t: org.hubId, p: period },
        org.token,
      );
      expect(all.data?.kpiRollups).toEqual([
        { kpi: { key: 'k_avg' }, value: 3, rag: 'RED', projectCount: 1 },
        { kpi: { key: 'k_min' }, value: 5, rag: 'RED', projectCount: 1 },
        { kpi: { key: 'k_sum' }, value: null, rag: 'GREEN', projectCount: 1 },
      ]);
      expect(all.errors?.map((error: GqlData) => ({ path: error.path, code: error.extensions?.code }))).toEqual([
        { path: ['kpiRollups', 2, 'value'], code: 'INTERNAL_SERVER_ERROR' },
      ]);

      const one = await stack.gql(
        `query($t: ID!, $p: String!) { kpiRollup(tenantId: $t, kpiKey: "k_sum", period: $p) { period value }
           kpiRollupTrend(tenantId: $t, kpiKey: "k_sum", from: "2026-01", to: "2026-12") { period value } }`,
        { t: org.hubId, p: period },
        org.token,
      );
      expect(one.data).toEqual({
        kpiRollup: { period, value: null },
        kpiRollupTrend: [
          { period: '2026-03', value: 1e15 },
          { period, value: null },
        ],
      });
      expect(one.errors?.map((error: GqlData) => error.path)).toEqual([
        ['kpiRollup', 'value'],
        ['kpiRollupTrend', 1, 'value'],
      ]);
    });
  });

  describe('NUL bytes', () => {
    it('answers a NUL byte in any string argument with BAD_USER_INPUT, and logs no argument', async () => {
      const sentinel = `nul-sentinel-${randomBytes(6).toString('hex')}`;
      const nul = `${sentinel}\u0000`;
      const org = await buildOrg(stack, [], [0]);
      const cursor = Buffer.from(JSON.stringify(['CODE_ASC', nul, randomUUID()])).toString('base64url');
      const phases = [{ name: 'Plan', gate: { name: 'Gate', deliverables: [nul], approverRole: 'PMO_LEAD' } }];
      const cases: Array<[string, string, Record<string, unknown>, string?]> = [
        [
          'signUp organizationName',
          `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
          { i: { organizationName: nul, email: `${randomBytes(5).toString('hex')}@example.com`, password: 'a long enough password' } },
        ],
        [
          'signUp email',
          `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
          { i: { organizationName: 'Nul', email: `${nul}@example.com`, password: 'a long enough password' } },
        ],
        ['login email', `mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: `${nul}@example.com`, password: 'a long enough password' } }],
        ['createSpoke name', `mutation($i: CreateSpokeInput!) { createSpoke(input: $i) { id } }`, { i: { parentId: org.hubId, name: nul } }, org.token],
        [
          'addMember email',
          `mutation($i: AddMemberInput!) { addMember(input: $i) { role } }`,
          { i: { tenantId: org.hubId, email: `${nul}@example.com`, role: 'VIEWER' } },
          org.token,
        ],
        [
          'projects search text',
          `query($t: ID!, $f: ProjectFilter) { projects(tenantId: $t, filter: $f) { totalCount } }`,
          { t: org.hubId, f: { text: nul } },
          org.token,
        ],
        ['projects cursor', `query($t: ID!, $a: String) { projects(tenantId: $t, after: $a) { totalCount } }`, { t: org.hubId, a: cursor }, org.token],
        [
          'recordKpiValue kpiKey',
          `mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { value } }`,
          { i: { projectId: org.projects[0], kpiKey: nul, period: '2026-01', value: 1 } },
          org.token,
        ],
        [
          'kpiRollup kpiKey',
          `query($t: ID!) { kpiRollup(tenantId: $t, kpiKey: "${sentinel}\\u0000", period: "2026-01") { value } }`,
          { t: org.hubId },
          org.token,
        ],
        [
          'createGlossaryTerm definition',
          `mutation($i: CreateGlossaryTermInput!) { createGlossaryTerm(input: $i) { id } }`,
          { i: { tenantId: org.hubId, term: 'Nul', definition: nul } },
          org.token,
        ],
        [
          'createMethodology deliverable (JSON)',
          `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
          { i: { tenantId: org.hubId, name: 'Nul method', phases } },
          org.token,
        ],
      ];
      const answers: Record<string, unknown> = {};
      for (const [label, query, variables, token] of cases) answers[label] = codes(await stack.gql(query, variables, token));
      expect(answers).toEqual(Object.fromEntries(cases.map(([label]) => [label, ['BAD_USER_INPUT']])));
      await sleep(200); // the api's last log lines are in
      expect(stack.logs()).not.toContain(sentinel);
    });
  });

  describe('audit log', () => {
    it('pages with the shared PageInfo, and its ids and cursors carry no global sequence', async () => {
      const org = await stack.signUp();
      for (const name of ['A', 'B', 'C', 'D']) await stack.createSpoke(org.token, org.hubId, name);
      const page = (after: string | null) =>
        stack.ok(
          `query($t: ID!, $after: String) { auditLog(tenantId: $t, first: 2, after: $after) {
             edges { cursor node { id action at } } pageInfo { hasNextPage endCursor } } }`,
          { t: org.hubId, after },
          org.token,
        );
      const nodes: Array<{ id: string; at: string }> = [];
      const cursors: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const { auditLog } = await page(after);
        nodes.push(...auditLog.edges.map((edge: { node: { id: string; at: string } }) => edge.node));
        cursors.push(...auditLog.edges.map((edge: { cursor: string }) => edge.cursor));
        expect(auditLog.pageInfo.endCursor).toBe(auditLog.edges.at(-1)?.cursor ?? null);
        if (!auditLog.pageInfo.hasNextPage) break;
        after = auditLog.pageInfo.endCursor;
      }
      const { rows } = await stack.db.query('SELECT id::text AS seq FROM audit_log WHERE org_id = $1', [org.hubId]);
      expect(nodes).toHaveLength(rows.length);
      expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
      for (const node of nodes) expect(node.id).toMatch(UUID);
      const times = nodes.map((node) => new Date(node.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const sequence = new Set(rows.map((row) => row.seq));
      for (const cursor of cursors) {
        const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
        for (const part of parts) expect(sequence.has(String(part))).toBe(false);
      }
      const forged = Buffer.from(JSON.stringify(['audit', 'yesterday', randomUUID()])).toString('base64url');
      const refused = await stack.gql(
        `query($t: ID!, $a: String) { auditLog(tenantId: $t, after: $a) { pageInfo { hasNextPage } } }`,
        { t: org.hubId, a: forged },
        org.token,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('ids', () => {
    it('answers a malformed id in GqlData ID argument with BAD_USER_INPUT naming the field', async () => {
      const org = await buildOrg(stack, [], [0]);
      const { __schema: schema } = await stack.ok(INTROSPECTION, {}, org.token);
      const types = new Map<string, GqlData>(schema.types.map((type: GqlData) => [type.name, type]));
      const cases = malformedIdCases(types, ['Query', 'Mutation']);
      expect(cases.length).toBeGreaterThan(40);
      const answers: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};
      for (const { label, query, variables, field } of cases) {
        const result = await stack.gql(query, variables, org.token);
        answers[label] = { code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field };
        expected[label] = { code: 'BAD_USER_INPUT', field };
      }
      expect(answers).toEqual(expected);
    });

    it('answers malformed ids the same in lookups, batches and subscriptions, and well-formed unknown ones as before', async () => {
      const org = await buildOrg(stack, [], [0]);
      const lookups = ['tenant', 'project', 'kpiDefinition', 'methodology', 'documentTemplate'];
      for (const lookup of lookups) {
        const malformed = await stack.gql(`query($id: ID!) { ${lookup}(id: $id) { id } }`, { id: 'not-an-id' }, org.token);
        expect({ lookup, extensions: malformed.errors?.[0].extensions }).toEqual({ lookup, extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
        const unknown = await stack.gql(`query($id: ID!) { ${lookup}(id: $id) { id } }`, { id: randomUUID() }, org.token);
        expect({ lookup, data: unknown.data, errors: unknown.errors }).toEqual({ lookup, data: { [lookup]: null }, errors: undefined });
      }
      const batch = await recordMany(org.token, [
        { projectId: org.projects[0], kpiKey: 'k_sum', period: '2026-01', value: 1 },
        { projectId: '12345', kpiKey: 'k_sum', period: '2026-01', value: 1 },
      ]);
      expect(batch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId', index: 1 });
      expect(codes(await stack.gql(`query($t: ID!) { kpiRollups(tenantId: $t, period: "2026-01") { value } }`, { t: randomUUID() }, org.token))).toEqual([
        'NOT_FOUND',
      ]);

      const live = collect(socket(org.token), `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { value } }`, { t: 'nope' });
      await until(() => live.errors.length > 0);
      expect(live.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tenantId' });
    });

    it('gives every KpiRollup an id stable for its tenant, KPI and period, from every query and the subscription', async () => {
      const org = await buildOrg(stack, [0], [1]);
      const live = collect(socket(org.token), `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { id kpi { key } period } }`, { t: org.hubId });
      await sleep(300); // the subscription is listening
      for (const period of ['2026-01', '2026-02']) {
        for (const kpi of [0, 1]) expect((await record(stack, org, 0, kpi, period, 4)).errors).toBeUndefined();
      }
      await stack.waitForIdle();
      const read = await stack.ok(
        `query($t: ID!, $s: ID!) {
           one: kpiRollup(tenantId: $t, kpiKey: "k_sum", period: "2026-01") { id }
           all: kpiRollups(tenantId: $t, period: "2026-01") { id kpi { key } }
           trend: kpiRollupTrend(tenantId: $t, kpiKey: "k_sum", from: "2026-01", to: "2026-02") { id period }
           down: kpiRollupDrilldown(tenantId: $t, kpiKey: "k_sum", period: "2026-01") { rollup { id } children { id } }
           spoke: kpiRollup(tenantId: $s, kpiKey: "k_sum", period: "2026-01") { id } }`,
        { t: org.hubId, s: org.tenants[1] },
        org.token,
      );
      const id = read.one.id;
      expect(read.all.find((rollup: GqlData) => rollup.kpi.key === 'k_sum').id).toBe(id);
      expect(read.trend[0].id).toBe(id);
      expect(read.down.rollup.id).toBe(id);
      expect(read.down.children).toEqual([{ id: read.spoke.id }]);
      const distinct = new Set([id, read.trend[1].id, read.spoke.id, ...read.all.map((rollup: GqlData) => rollup.id)]);
      expect(distinct.size).toBe(4);
      await until(() => live.events.some((event) => event.kpiRollupUpdated.kpi.key === 'k_sum' && event.kpiRollupUpdated.period === '2026-01'));
      const pushed = live.events.filter((event) => event.kpiRollupUpdated.kpi.key === 'k_sum' && event.kpiRollupUpdated.period === '2026-01');
      for (const event of pushed) expect(event.kpiRollupUpdated.id).toBe(id);
    });
  });

  describe('live fan-out', () => {
    // Well under any cap on subscriptions per connection: the point is the ratio.
    const SUBSCRIBERS = 20; // the per-connection cap
    const SELECTION = `kpiRollupUpdated(tenantId: $t) { tenant { id name } kpi { key owner { id } } period value projectCount }`;

    it('reads each change once per tenant and user, however many subscriptions share a socket, and delivers every figure', async () => {
      const org = await buildOrg(stack, [0, 0], [1, 1, 1, 2]);
      const siblingViewer = await stack.member(org.token, org.tenants[2], 'VIEWER');
      // A second api whose database connections are counted; writes go to the first one.
      const dbUrl = new URL(appUrl(stack.database));
      const proxy = await transactionCountingProxy(new URL(dbUrl));
      const port = await freeLowPort();
      dbUrl.hostname = '127.0.0.1';
      dbUrl.port = String(proxy.port);
      stack.spawn('apps/api/src/main.js', { PORT: String(port), DATABASE_APP_URL: dbUrl.toString() });
      const url = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${url}/health`).catch(() => null))?.status === 200, 30000);
      try {
        const shared = socket(org.token, url);
        const streams = Array.from({ length: SUBSCRIBERS }, () => collect(shared, `subscription($t: ID!) { ${SELECTION} }`, { t: org.hubId }));
        const sibling = collect(socket(siblingViewer, url), `subscription($t: ID!) { ${SELECTION} }`, { t: org.tenants[2] });
        // Warm up until every subscription hears changes.
        let warm = 0;
        await until(async () => {
          if (streams.every((stream) => stream.events.length > 0) && sibling.events.length > 0) return true;
          expect((await record(stack, org, 3, 0, '2026-12', ++warm)).errors).toBeUndefined();
          await sleep(500);
          return false;
        });
        await stack.waitForIdle();
        await sleep(300);
        for (const stream of streams) stream.events.length = 0;
        sibling.events.length = 0;
        proxy.reset();

        const periods = ['2026-01', '2026-02'];
        const inputs = periods.flatMap((period) =>
          org.kpis.flatMap((kpi, k) =>
            [0, 1, 2].map((project) => ({ projectId: org.projects[project], kpiKey: kpi.key, period, value: 10 * k + project + 1, weight: project + 1 })),
          ),
        );
        expect((await recordMany(org.token, inputs)).errors).toBeUndefined();
        await stack.waitForIdle();
        const expected = new Map<string, unknown>();
        for (const period of periods) {
          const { kpiRollups } = await stack.ok(
            `query($t: ID!, $p: String!) { kpiRollups(tenantId: $t, period: $p) { kpi { key } period value projectCount } }`,
            { t: org.hubId, p: period },
            org.token,
          );
          for (const rollup of kpiRollups) expected.set(`${rollup.kpi.key}|${period}`, rollup);
        }
        expect(expected.size).toBe(org.kpis.length * periods.length);
        // Every subscriber ends with every node's final figure.
        const latest = (events: GqlData[]) => {
          const figures = new Map<string, unknown>();
          for (const { kpiRollupUpdated: r } of events) {
            figures.set(`${r.kpi.key}|${r.period}`, { kpi: { key: r.kpi.key }, period: r.period, value: r.value, projectCount: r.projectCount });
          }
          return figures;
        };
        // On time out, the expectations below show what is missing.
        await until(() => streams.every((stream) => isDeepStrictEqual(latest(stream.events), expected))).catch(() => undefined);
        for (const stream of streams) {
          expect(stream.errors).toEqual([]);
          expect(latest(stream.events)).toEqual(expected);
          expect(stream.events[0].kpiRollupUpdated.tenant).toEqual({ id: org.hubId, name: expect.any(String) });
        }
        // The sibling spoke's viewer sees none of spoke 1's changes.
        expect(sibling.events).toEqual([]);

        // Database work grows with the changes, not with the subscriptions: at most one
        // read per change, plus the tenant, KPI and owner it shows, for all of them together.
        const delivered = Math.max(...streams.map((stream) => stream.events.length));
        const transactions = proxy.transactions();
        expect({ delivered, transactions, bounded: transactions <= 4 * delivered }).toEqual({ delivered, transactions, bounded: true });
      } finally {
        await proxy.close();
      }
    });
  });
});

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
const INTROSPECTION = `{ __schema { types { kind name enumValues { name }
  inputFields { name defaultValue type { ${TYPE_REF} } }
  fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } } } } }`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const render = (type: TypeRef): string =>
  type.kind === 'NON_NULL' ? `${render(type.ofType as TypeRef)}!` : type.kind === 'LIST' ? `[${render(type.ofType as TypeRef)}]` : (type.name as string);
const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type);

/**
 * One request per ID-typed place in the arguments of every root field (nested input
 * fields and list elements included): that place holds a malformed id, every other
 * required argument a plausible value.
 */
function malformedIdCases(types: Map<string, GqlData>, roots: string[]) {
  const cases: Array<{ label: string; query: string; variables: Record<string, unknown>; field: string }> = [];
  const value = (type: TypeRef, target: string[] | null, depth = 0): unknown => {
    if (type.kind === 'NON_NULL') return value(type.ofType as TypeRef, target, depth);
    if (type.kind === 'LIST') return [value(type.ofType as TypeRef, target ? target.slice(1) : null, depth)];
    if (type.kind === 'ENUM') return types.get(type.name as string).enumValues[0].name;
    if (type.kind === 'INPUT_OBJECT') {
      const object: Record<string, unknown> = {};
      for (const field of types.get(type.name as string).inputFields) {
        const onPath = target?.[0] === field.name;
        if (onPath || (field.type.kind === 'NON_NULL' && field.defaultValue === null)) {
          object[field.name] = value(field.type, onPath ? (target as string[]).slice(1) : null, depth + 1);
        }
      }
      return object;
    }
    if (type.name === 'ID') return target && target.length === 0 ? 'not-an-id' : randomUUID();
    return { String: '2026-01', Int: 1, Float: 1, Boolean: false, DateTime: new Date().toISOString() }[type.name as string] ?? 'x';
  };
  // Paths to ID places below a type: input field names, with '[]' for a list element.
  const idPaths = (type: TypeRef, depth = 0): string[][] => {
    if (depth > 4) return [];
    if (type.kind === 'NON_NULL') return idPaths(type.ofType as TypeRef, depth);
    if (type.kind === 'LIST') return idPaths(type.ofType as TypeRef, depth).map((path) => ['[]', ...path]);
    if (type.kind === 'SCALAR') return type.name === 'ID' ? [[]] : [];
    if (type.kind !== 'INPUT_OBJECT') return [];
    return types.get(type.name as string).inputFields.flatMap((field: GqlData) => idPaths(field.type, depth + 1).map((path) => [field.name, ...path]));
  };
  for (const root of roots) {
    for (const field of types.get(root).fields) {
      for (const arg of field.args) {
        for (const path of idPaths(arg.type)) {
          const args = field.args.filter((a: GqlData) => a === arg || (a.type.kind === 'NON_NULL' && a.defaultValue === null));
          const variables = Object.fromEntries(args.map((a: GqlData) => [a.name, value(a.type, a === arg ? path : null)]));
          const declared = args.map((a: GqlData) => `$${a.name}: ${render(a.type)}`).join(', ');
          const passed = args.map((a: GqlData) => `${a.name}: $${a.name}`).join(', ');
          const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(named(field.type).kind) ? ' { __typename }' : '';
          const leaf = [arg.name, ...path].filter((part) => part !== '[]').at(-1) as string;
          cases.push({
            label: `${field.name}(${[arg.name, ...path].join('.')})`,
            query: `${root === 'Query' ? 'query' : 'mutation'}(${declared}) { ${field.name}(${passed})${selection} }`,
            variables,
            field: leaf,
          });
        }
      }
    }
  }
  return cases;
}
