// What Row Level Security costs: the same api build, on the same database, serving the
// same tenant-scoped query, once as the app role (RLS enforced) and once as the owner
// (a superuser: every policy bypassed). Both processes still enter the tenant context
// per transaction, so the difference is the policies' own cost. Runs are interleaved
// round by round, alternating which side goes first, so drift on the machine hits both.
//
//   npm run build && node dist/tools/bench/rls.js
//   BENCH_REQUESTS=2000 BENCH_ROUNDS=8 BENCH_CONCURRENCY=8 BENCH_PROJECTS=2000 node dist/tools/bench/rls.js
// BENCH_DIVISIONS and BENCH_COUNTRIES shape the tree (spokes = divisions x (1 + countries)).
// BENCH_CONTROL=1 runs the second process as the app role too: an A/A run whose ratio
// shows how much of a difference the machine's noise alone produces.
import { Client } from 'pg';
import { graphql, GraphqlRequest, LoadResult, median, runLoad } from './lib/load';
import { ApiProcess, appUrl, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl } from './lib/processes';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

const REQUESTS = number('BENCH_REQUESTS', 1000);
const ROUNDS = number('BENCH_ROUNDS', 6);
const CONCURRENCY = number('BENCH_CONCURRENCY', 8);
const PROJECTS = number('BENCH_PROJECTS', 2000);
// 4 divisions with 4 countries each: 20 spokes.
const DIVISIONS = number('BENCH_DIVISIONS', 4);
const COUNTRIES_PER_DIVISION = number('BENCH_COUNTRIES', 4);
const GOAL = 0.9;
const CONTROL = process.env.BENCH_CONTROL === '1';

const QUERY = `query($tenantId: ID!) {
  projects(tenantId: $tenantId, first: 50) { totalCount edges { node { id code name state tenant { name } } } }
}`;

async function seed(api: ApiProcess, owner: Client): Promise<{ token: string; hubId: string; spokes: string[] }> {
  const { signUp } = await graphql(api.url, {
    query: `mutation($input: SignUpInput!) { signUp(input: $input) { token user { memberships { tenant { id } } } } }`,
    variables: { input: { organizationName: 'Bench Org', email: 'bench@example.com', password: 'a long enough password' } },
  });
  const token: string = signUp.token;
  const hubId: string = signUp.user.memberships[0].tenant.id;
  const createSpoke = async (parentId: string, name: string): Promise<string> =>
    (
      await graphql(api.url, {
        query: `mutation($input: CreateSpokeInput!) { createSpoke(input: $input) { id } }`,
        variables: { input: { parentId, name } },
        token,
      })
    ).createSpoke.id;
  const spokes: string[] = [];
  for (let d = 1; d <= DIVISIONS; d++) {
    const division = await createSpoke(hubId, `Division ${d}`);
    spokes.push(division);
    for (let c = 1; c <= COUNTRIES_PER_DIVISION; c++) spokes.push(await createSpoke(division, `Country ${d}.${c}`));
  }
  await owner.query(
    `INSERT INTO projects (id, org_id, tenant_id, code, name, state)
     SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + (i % cardinality($2::uuid[]))], 'P-' || lpad(i::text, 5, '0'), 'Project ' || i,
            (ARRAY['PROPOSED', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ON_HOLD', 'COMPLETED'])[1 + i % 6]
       FROM generate_series(1, $3::int) AS i`,
    [hubId, spokes, PROJECTS],
  );
  await owner.query('ANALYZE');
  return { token, hubId, spokes };
}

const format = (result: LoadResult) =>
  `${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms.toFixed(1).padStart(6)} ms  p95 ${result.p95Ms.toFixed(1).padStart(6)} ms`;

async function main(): Promise<void> {
  const database = await createMigratedDatabase('rls');
  const prefix = database;
  const owner = new Client({ connectionString: ownerUrl(database) });
  await owner.connect();
  const common = {
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-secret-0123456789-abcdefghij',
    DATABASE_URL: ownerUrl(database),
    DATABASE_WORKER_URL: appUrl(database, 'pmo_worker'),
    QUEUE_PREFIX: prefix,
  };
  // The owner as the api's role bypasses RLS (production mode wants a password; the local server ignores it).
  const bypassUrl = new URL(ownerUrl(database));
  bypassUrl.password = 'bench-password-not-for-production';
  const apis: ApiProcess[] = [];
  try {
    const rls = await ApiProcess.start('rls', { ...common, DATABASE_APP_URL: appUrl(database) });
    apis.push(rls);
    const bypass = await ApiProcess.start('bypass', { ...common, DATABASE_APP_URL: CONTROL ? appUrl(database) : bypassUrl.toString() });
    apis.push(bypass);
    const { token, hubId, spokes } = await seed(rls, owner);
    const request: GraphqlRequest = { query: QUERY, variables: { tenantId: hubId }, token };

    // Same answer from both: the policies change the cost, never the result for an authorized caller.
    const [a, b] = await Promise.all([graphql(rls.url, request), graphql(bypass.url, request)]);
    if (JSON.stringify(a) !== JSON.stringify(b) || a.projects.totalCount !== PROJECTS) {
      throw new Error(`the two processes disagree: ${a.projects.totalCount} vs ${b.projects.totalCount} projects`);
    }
    const roles = await owner.query(
      `SELECT r.rolname, r.rolbypassrls OR r.rolsuper AS bypasses, count(*)::int AS sessions
         FROM pg_stat_activity s JOIN pg_roles r ON r.oid = s.usesysid
        WHERE s.datname = $1 AND s.application_name = 'pmo-hub' GROUP BY 1, 2 ORDER BY 1`,
      [database],
    );
    console.log(`database ${database}: 1 organization, ${spokes.length} spokes, ${PROJECTS} projects`);
    console.log(`api sessions by role: ${roles.rows.map((row) => `${row.rolname} (bypasses RLS: ${row.bypasses}) x${row.sessions}`).join(', ')}`);
    console.log(`query: projects(tenantId: <hub>, first: 50) { totalCount edges { node { … tenant { name } } } }`);
    if (CONTROL) console.log('CONTROL RUN: both processes enforce RLS; "bypass" is a second app-role process');
    console.log(`${ROUNDS} rounds x ${REQUESTS} requests per side, concurrency ${CONCURRENCY}, interleaved\n`);

    for (const api of [rls, bypass]) await runLoad(api.url, request, Math.min(REQUESTS, 300), CONCURRENCY);
    const results: Record<'rls' | 'bypass', LoadResult[]> = { rls: [], bypass: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? [rls, bypass] : [bypass, rls];
      for (const api of order) {
        const result = await runLoad(api.url, request, REQUESTS, CONCURRENCY);
        results[api.label as 'rls' | 'bypass'].push(result);
        console.log(`round ${round}  ${api.label.padEnd(6)} ${format(result)}`);
      }
    }
    const total = (side: LoadResult[]) => side.reduce((sum, r) => sum + r.requests, 0) / side.reduce((sum, r) => sum + r.seconds, 0);
    const rlsRate = total(results.rls);
    const bypassRate = total(results.bypass);
    const ratios = results.rls.map((r, i) => r.perSecond / results.bypass[i].perSecond);
    console.log(`\nRLS enforced: ${rlsRate.toFixed(0)} req/s   RLS bypassed: ${bypassRate.toFixed(0)} req/s`);
    console.log(`ratio RLS/bypass: ${(rlsRate / bypassRate).toFixed(3)} overall, ${median(ratios).toFixed(3)} median of rounds (goal >= ${GOAL})`);
    console.log(
      `p50 latency: RLS ${median(results.rls.map((r) => r.p50Ms)).toFixed(1)} ms, bypass ${median(results.bypass.map((r) => r.p50Ms)).toFixed(1)} ms`,
    );
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await owner.end();
    await dropDatabase(database);
    await dropQueueKeys(prefix);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
