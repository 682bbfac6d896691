// `npm run bench:lessons`: lesson search on a seeded organization (a hub and 50 spokes over
// 3 levels, 5,000 projects) with 100,000 lessons written set-based in SQL (20 a project:
// most published, a third of those ORGANIZATION-wide, the rest drafts and submitted), in
// one run:
//  1. searchLessons as a VIEWER of one country spoke (row-level security lets them read
//     their branch's published lessons and every ORGANIZATION one: the organization policy
//     at work) and as the hub's ORG_ADMIN, against `{ me { id } }`, interleaved: SQL
//     statements per request (development mode's extensions.sqlStatements), requests per
//     second, p50/p95/p99 latency of every response (autocannon's response events) and
//     CPU milliseconds per request of the api process;
//  2. EXPLAIN (ANALYZE, BUFFERS) of the search statement as the app role in the viewer's
//     signed context, to show the GIN index on the stored tsvector at work under RLS.
// Not a test: the machine is shared and noisy, so it reports figures side by side.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Actor, createDataSource, enterTenantContext, runWithContext } from '@pmo/core';
import { seedOrganization } from '../seed';
import { LESSON_SEARCH } from '@pmo/knowledge';
import { graphql, median } from './lib/load';
import { ApiProcess, appUrl, cpuMs, createMigratedDatabase, dropDatabase, ownerUrl, productionEnv } from './lib/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const LESSONS_PER_PROJECT = 20;

/** Lessons from word lists, so that queries match some and rank them: one statement, the trigger writes each document. */
const SEED_LESSONS = `
  WITH w AS (SELECT
    ARRAY['vendor', 'supplier', 'contract', 'budget', 'schedule', 'scope', 'stakeholder', 'risk', 'testing', 'deployment',
          'migration', 'training', 'hardware', 'software', 'integration', 'requirements', 'communication', 'staffing', 'procurement', 'quality'] AS topics,
    ARRAY['delayed', 'overran', 'blocked', 'slipped', 'improved', 'accelerated', 'derailed', 'stalled', 'saved', 'doubled'] AS verbs,
    ARRAY['delivery', 'go-live', 'rollout', 'acceptance', 'design', 'cutover', 'pilot', 'handover', 'launch', 'budget'] AS objects,
    ARRAY['Initiation', 'Planning', 'Delivery', 'Closure'] AS phases)
  INSERT INTO lessons (id, project_id, tenant_id, org_id, author_id, title, what_happened, impact, recommendation, tags, phase, state, visibility,
                       submitted_at, published_at, published_by)
  SELECT gen_random_uuid(), x.id, x.tenant_id, x.org_id, $2,
         initcap(x.t1) || ' issues ' || x.v1 || ' the ' || x.o1,
         'During the ' || x.o2 || ' the ' || x.t2 || ' team ' || x.v2 || ' the work of the ' || x.t1 || ' team for ' || (1 + x.n % 12) || ' weeks.',
         CASE WHEN x.n % 3 = 0 THEN 'The ' || x.o1 || ' moved by ' || (1 + x.n % 8) || ' weeks and cost more.' END,
         'Agree ' || x.t2 || ' milestones early and review ' || x.t1 || ' risks before the ' || x.o2 || '.',
         ARRAY[x.t1 || '-management', x.o1],
         x.phase, x.state, x.visibility,
         CASE WHEN x.state <> 'DRAFT' THEN now() END, CASE WHEN x.state = 'PUBLISHED' THEN now() END, CASE WHEN x.state = 'PUBLISHED' THEN $2::uuid END
    FROM (
      -- random() in a select list is drawn once a row.
      SELECT p.id, p.tenant_id, p.org_id, n,
             w.topics[1 + floor(random() * 20)::int] AS t1, w.topics[1 + floor(random() * 20)::int] AS t2,
             w.verbs[1 + floor(random() * 10)::int] AS v1, w.verbs[1 + floor(random() * 10)::int] AS v2,
             w.objects[1 + floor(random() * 10)::int] AS o1, w.objects[1 + floor(random() * 10)::int] AS o2,
             w.phases[1 + n % 4] AS phase,
             (ARRAY['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'SUBMITTED', 'DRAFT'])[1 + floor(random() * 10)::int] AS state,
             CASE WHEN random() < 0.3 THEN 'ORGANIZATION' ELSE 'BRANCH' END AS visibility
        FROM projects p CROSS JOIN generate_series(1, $3::int) n CROSS JOIN w
       WHERE p.org_id = $1) x`;

interface Sample {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const database = await createMigratedDatabase('lessons');
  const env = productionEnv(database);
  let api: ApiProcess | undefined;
  const owner = new Client({ connectionString: ownerUrl(database) });
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 5000, periods: [], name: 'Lessons Org' });
    await db.destroy();
    await owner.connect();
    const [{ id: adminId }] = (await owner.query('SELECT user_id AS id FROM memberships WHERE tenant_id = $1', [org.hubId])).rows;
    const seeded = performance.now();
    await owner.query(SEED_LESSONS, [org.hubId, adminId, LESSONS_PER_PROJECT]);
    const seedMs = performance.now() - seeded;
    await owner.query('ANALYZE');
    const counts = (
      await owner.query(
        `SELECT count(*)::int AS lessons, count(*) FILTER (WHERE state = 'PUBLISHED')::int AS published,
                count(*) FILTER (WHERE state = 'PUBLISHED' AND visibility = 'ORGANIZATION')::int AS organization,
                count(DISTINCT tenant_id)::int AS tenants FROM lessons`,
      )
    ).rows[0];
    console.error(`seeded ${counts.lessons} lessons in ${counts.tenants} spokes in ${seedMs.toFixed(0)} ms`);

    // Development mode: the api reports extensions.sqlStatements (every request pays for it alike).
    api = await ApiProcess.start('api', { ...env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn' });
    const adminToken = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;
    // A viewer of one country spoke (depth 3): their branch's lessons, and every ORGANIZATION one.
    const [{ id: country }] = (await owner.query('SELECT id FROM tenants WHERE org_id = $1 AND depth = 3 ORDER BY name LIMIT 1', [org.hubId])).rows;
    const viewerEmail = `viewer+${randomUUID().slice(0, 8)}@bench.example`;
    await graphql(api.url, {
      query: `mutation($i: AddMemberInput!) { addMember(input: $i) { role } }`,
      variables: { i: { tenantId: country, email: viewerEmail, password: org.password, role: 'VIEWER' } },
      token: adminToken,
    });
    const viewerToken = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: viewerEmail, password: org.password } },
      })
    ).login.token as string;

    const search = `query($t: ID!, $q: String!, $tags: [String!]) {
      searchLessons(tenantId: $t, query: $q, tags: $tags, first: 20) { totalCount hits { rank snippet lesson { id title tenant { name } } } }
    }`;
    const requests = [
      { name: '{ me { id } }', token: viewerToken, query: `{ me { id } }`, variables: {} },
      { name: 'searchLessons "vendor delay", spoke viewer', token: viewerToken, query: search, variables: { t: country, q: 'vendor delay' } },
      {
        name: 'searchLessons "\\"vendor issues\\" -hardware" + tag, spoke viewer',
        token: viewerToken,
        query: search,
        variables: { t: country, q: '"vendor issues" -hardware', tags: ['vendor-management'] },
      },
      { name: 'searchLessons "vendor delay", hub ORG_ADMIN', token: adminToken, query: search, variables: { t: org.hubId, q: 'vendor delay' } },
    ];

    const statements = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const request of requests) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      const body = (await res.json()) as { data?: { searchLessons?: { totalCount: number } }; errors?: unknown[]; extensions?: { sqlStatements?: number } };
      if (body.errors) throw new Error(`${request.name}: ${JSON.stringify(body.errors)}`);
      statements.set(request.name, body.extensions?.sqlStatements ?? NaN);
      if (body.data?.searchLessons) totals.set(request.name, body.data.searchLessons.totalCount);
    }

    const pid = api.pid as number;
    const url = api.url;
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        const latencies: number[] = [];
        const before = cpuMs(pid);
        const result = await new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: `${url}/graphql`,
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
              body: JSON.stringify({ query: request.query, variables: request.variables }),
              connections: CONNECTIONS,
              duration: SECONDS,
            },
            (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
          );
          // Every response's time, for percentiles autocannon does not report (p95).
          instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
        });
        const spent = cpuMs(pid) - before;
        if (result.non2xx || result.errors) throw new Error(`${request.name} failed (${result.non2xx} non-2xx, ${result.errors} errors)`);
        latencies.sort((a, b) => a - b);
        const sample = {
          rps: result.requests.average,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          cpuMsPerRequest: spent / result.requests.total,
        };
        samples.set(request.name, [...(samples.get(request.name) ?? []), sample]);
        console.error(`round ${round + 1} ${request.name}: ${sample.rps.toFixed(1)} req/s, p95 ${sample.p95.toFixed(1)} ms`);
      }
    }
    await api.stop();
    api = undefined;

    // The search statement as the api runs it: the app role, in the viewer's signed context.
    const [{ id: viewerId }] = (await owner.query('SELECT id FROM users WHERE email = $1', [viewerEmail])).rows;
    const sessionId = randomUUID();
    await owner.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [sessionId, viewerId]);
    const app = createDataSource(appUrl(database), 1);
    await app.initialize();
    const actor: Actor = { kind: 'user', userId: viewerId, sessionId };
    const plan = await runWithContext({ requestId: randomUUID(), actor }, () =>
      app.transaction(async (em) => {
        await enterTenantContext(em, actor);
        const rows: Array<{ 'QUERY PLAN': string }> = await em.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${LESSON_SEARCH.text}`, [
          org.hubId,
          'english',
          'vendor delay',
          null,
          20,
        ]);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      }),
    );
    await app.destroy();

    const med = (name: string, pick: (s: Sample) => number) => median((samples.get(name) ?? []).map(pick));
    const trivial = med('{ me { id } }', (s) => s.rps);
    console.log(
      `\n### Lesson search: ${counts.lessons.toLocaleString('en')} lessons in ${counts.tenants} spokes (${counts.published.toLocaleString('en')} published, ` +
        `${counts.organization.toLocaleString('en')} of them ORGANIZATION-wide), seeded in ${(seedMs / 1000).toFixed(1)} s; ` +
        `median of ${ROUNDS} interleaved rounds, ${SECONDS} s each, ${CONNECTIONS} connections\n`,
    );
    console.log('| request | matches | SQL statements | req/s | relative to { me { id } } | p50 / p95 / p99 ms | api CPU ms/req |');
    console.log('|---|---|---|---|---|---|---|');
    for (const { name } of requests) {
      const rps = med(name, (s) => s.rps);
      const latency = [med(name, (s) => s.p50), med(name, (s) => s.p95), med(name, (s) => s.p99)].map((ms) => ms.toFixed(1)).join(' / ');
      console.log(
        `| ${name} | ${totals.get(name)?.toLocaleString('en') ?? '–'} | ${statements.get(name)} | ${rps.toFixed(1)} | ${(rps / trivial).toFixed(3)} | ${latency} | ${med(name, (s) => s.cpuMsPerRequest).toFixed(2)} |`,
      );
    }
    console.log(`\n### The search statement's plan (app role, the spoke viewer's context, "vendor delay")\n`);
    console.log('```\n' + plan + '\n```');
  } finally {
    await api?.stop();
    await owner.end().catch(() => undefined);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
