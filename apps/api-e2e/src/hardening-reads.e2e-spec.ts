// A query's reads share one read-only transaction (one tenant context) however many
// DataLoader batches it runs. On a pool of two connections, requests of two
// organizations take turns on the same connections, interleaved: each must see only its
// own rows, and a request refused at its context's entry must give its connection back.
import { GqlResult, Stack } from '@pmo/testing';

const LIST = `query($t: ID!) { projects(tenantId: $t, first: 50) { totalCount edges { node { code tenant { id } program { id name } manager { email } milestones { name } } } } }`;
type Sql = GqlResult & { extensions?: { sqlStatements?: number; sqlTransactions?: number } };

describe('the read path', () => {
  let stack: Stack;
  const orgs: Array<{ token: string; hubId: string; userId: string; spoke: string; program: string; prefix: string }> = [];

  beforeAll(async () => {
    stack = await Stack.start({ env: { DATABASE_POOL_SIZE: '2' } });
    for (const prefix of ['ACME', 'GLOBEX']) {
      const org = await stack.signUp(`${prefix} PMO`);
      const spoke = await stack.createSpoke(org.token, org.hubId, `${prefix} North`);
      const program = (
        await stack.ok(
          `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
          { input: { tenantId: spoke, name: `${prefix} P` } },
          org.token,
        )
      ).createProgram.id as string;
      for (let i = 0; i < 12; i++) {
        await stack.ok(
          `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
          {
            input: { tenantId: spoke, code: `${prefix}-${i}`, name: `${prefix} ${i}`, programId: program, managerId: org.userId },
          },
          org.token,
        );
      }
      orgs.push({ ...org, spoke, program, prefix });
    }
  }, 120000);

  afterAll(() => stack?.stop());

  it('runs every batch of a query in one transaction, entered once', async () => {
    const [acme] = orgs;
    const list = (await stack.gql(LIST, { t: acme.hubId }, acme.token)) as Sql;
    expect(list.errors).toBeUndefined();
    expect(list.data?.projects.totalCount).toBe(12);
    // The page, its count and four batches of nested fields; one BEGIN with the entry.
    expect(list.extensions?.sqlTransactions).toBe(1);
    const me = (await stack.gql(`{ me { id } }`, {}, acme.token)) as Sql;
    expect(me.data?.me.id).toBe(acme.userId);
    // The session's check alone, outside any transaction: nothing else.
    expect(me.extensions).toMatchObject({ sqlStatements: 1, sqlTransactions: 0 });
    // Asked for more, the fields that read share one transaction.
    const more = (await stack.gql(`{ me { id email memberships { role } } }`, {}, acme.token)) as Sql;
    expect(more.data?.me.id).toBe(acme.userId);
    expect(more.extensions?.sqlTransactions).toBe(1);
  });

  it('keeps each organization to its own rows when their requests interleave on shared connections', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => orgs[i % 2]);
    const results = await Promise.all(
      requests.map(async (org) => ({
        org,
        list: await stack.gql(LIST, { t: org.hubId }, org.token),
        me: await stack.gql(`{ me { id email memberships { tenant { id } } } }`, {}, org.token),
      })),
    );
    for (const { org, list, me } of results) {
      expect(list.errors).toBeUndefined();
      expect(list.data?.projects.totalCount).toBe(12);
      const nodes = list.data?.projects.edges.map((edge: { node: unknown }) => edge.node) as Array<{
        code: string;
        tenant: { id: string };
        program: { id: string; name: string } | null;
        milestones: unknown[];
      }>;
      expect(nodes).toHaveLength(12);
      for (const node of nodes) {
        expect(node.code.startsWith(`${org.prefix}-`)).toBe(true);
        expect(node.tenant.id).toBe(org.spoke);
        expect(node.program).toEqual({ id: org.program, name: `${org.prefix} P` });
      }
      expect(me.data?.me.id).toBe(org.userId);
      expect(me.data?.me.memberships.map((m: { tenant: { id: string } }) => m.tenant.id)).toEqual([org.hubId]);
    }
  });

  it('gives the connection back when a query is refused at its entry, and when a statement fails', async () => {
    const [acme, globex] = orgs;
    const ended = await stack.signUp('Ended PMO');
    await stack.ok(`mutation { logout }`, {}, ended.token);
    // More refusals than the pool has connections: a refusal that kept its connection would starve the rest.
    for (let i = 0; i < 5; i++) {
      const refused = await stack.gql(LIST, { t: ended.hubId }, ended.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A statement PostgreSQL refuses (a NUL byte in a filter) aborts the shared transaction: the
    // field answers BAD_USER_INPUT and the transaction is rolled back, its connection given back.
    for (let i = 0; i < 5; i++) {
      const failed = await stack.gql(LIST.replace('first: 50', 'first: 50, filter: { text: "nul \\u0000 byte" }'), { t: acme.hubId }, acme.token);
      expect(failed.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await stack.ok(LIST, { t: globex.hubId }, globex.token)).projects.totalCount).toBe(12);
    // Nothing is left open once the requests are done.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const open = await stack.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open.rows[0].n).toBe(0);
  });
});
