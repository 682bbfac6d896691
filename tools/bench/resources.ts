// `npm run bench:resources`: the shared resource pool's reads on a seeded organization (50
// spokes over 3 levels, 2,000 resources homed 40 to a spoke, 3 allocations each over the 52
// weeks of 2026, a third of them borrowed across branches), seeded set-based in SQL. In one
// run, interleaved against `{ me { id } }`:
//  - resourceLoad for the hub (2,000 resources × 52 weeks = 104,000 rows), the hub's
//    over-allocated weeks only, and one spoke (40 × 52); capacitySummary for the hub and a
//    spoke over 52 weeks: p50/p95 latency and requests per second from a closed-loop load
//    (lib/load's runLoad, exact percentiles), SQL statements per request (development
//    mode's extensions.sqlStatements), api CPU ms per request;
//  - EXPLAIN (ANALYZE, BUFFERS) of the load and the summary as the app role in the hub
//    admin's context (RLS in force), printed after the table.
// Not a test: the machine is shared and noisy, so it reports figures side by side.
import { Client } from 'pg';
import { createDataSource } from '@pmo/core';
import { resourceStatements } from '@pmo/knowledge';
import { seedOrganization } from '../seed';
import { graphql, median, runLoad } from './lib/load';
import { ApiProcess, appUrl, cpuMs, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl, productionEnv } from './lib/processes';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Only the requests whose name contains this (and `{ me { id } }`), to look at one closely. */
const ONLY = process.env.BENCH_ONLY ?? '';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** Requests a round; the hub's full load (104,000 rows) gets a twentieth, one at a time. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const RESOURCES_PER_SPOKE = 40;
/** Mondays of 2026-W01 and 2026-W52. */
const FIRST_MONDAY = '2025-12-29';
const LAST_MONDAY = '2026-12-21';

/** 40 resources a spoke; then 3 allocations each: two in the home subtree (APPROVED), one to a project of another branch (REQUESTED or, for half, APPROVED). */
const SEED_RESOURCES = `
  INSERT INTO resources (id, tenant_id, org_id, name, skills, weekly_capacity_hours)
  SELECT gen_random_uuid(), t.id, t.org_id, t.name || ' person ' || n,
         ARRAY[(ARRAY['typescript', 'sap', 'pmp', 'data', 'security'])[1 + n % 5], (ARRAY['agile', 'prince2'])[1 + n % 2]],
         (ARRAY[40, 32, 24, 37.5])[1 + n % 4]
    FROM tenants t CROSS JOIN generate_series(1, ${RESOURCES_PER_SPOKE}) n
   WHERE t.org_id = $1 AND t.depth > 0`;
const SEED_ALLOCATIONS = `
  WITH slots AS (
    SELECT r.id AS resource_id, r.tenant_id, r.org_id, g,
           $2::date + 7 * (floor(random() * 40))::int AS from_week, (floor(random() * 12))::int AS span,
           (ARRAY[8, 12, 16, 20])[1 + floor(random() * 4)::int] AS hours,
           CASE WHEN random() < 0.7 THEN 'HARD' ELSE 'SOFT' END AS kind
      FROM resources r CROSS JOIN generate_series(1, 3) g WHERE r.org_id = $1),
  picked AS (
    SELECT s.*, p.id AS project_id, p.tenant_id AS project_tenant_id, p.borrowed
      FROM slots s
      CROSS JOIN LATERAL (
        SELECT p.id, p.tenant_id, NOT (s.tenant_id = ANY (pt.path)) AS borrowed
          FROM projects p JOIN tenants pt ON pt.id = p.tenant_id
         WHERE p.org_id = s.org_id AND (s.g = 3) <> (s.tenant_id = ANY (pt.path))
         ORDER BY random() LIMIT 1) p)
  INSERT INTO resource_allocations (id, resource_id, tenant_id, org_id, project_id, project_tenant_id, borrowed, from_week, to_week,
                                    hours_per_week, kind, state, requested_by)
  SELECT gen_random_uuid(), resource_id, tenant_id, org_id, project_id, project_tenant_id, borrowed, from_week,
         least(from_week + 7 * span, $3::date), hours, kind,
         CASE WHEN NOT borrowed OR random() < 0.5 THEN 'APPROVED' ELSE 'REQUESTED' END, $4
    FROM picked`;

interface Sample {
  rps: number;
  p50: number;
  p95: number;
  cpuMsPerRequest: number;
}

async function main(): Promise<void> {
  const database = await createMigratedDatabase('resources');
  const env = productionEnv(database);
  let api: ApiProcess | undefined;
  const owner = new Client({ connectionString: ownerUrl(database) });
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 1000, periods: ['2026-01'], name: 'Resources Org' });
    await db.destroy();
    await owner.connect();
    const started = performance.now();
    await owner.query(SEED_RESOURCES, [org.hubId]);
    const [{ id: adminId }] = (await owner.query(`SELECT user_id AS id FROM memberships WHERE tenant_id = $1`, [org.hubId])).rows;
    await owner.query(SEED_ALLOCATIONS, [org.hubId, FIRST_MONDAY, LAST_MONDAY, adminId]);
    await owner.query('ANALYZE');
    const counts = (
      await owner.query(
        `SELECT (SELECT count(*) FROM resources)::int AS resources, (SELECT count(*) FROM resource_allocations)::int AS allocations,
                (SELECT count(*) FROM resource_allocations WHERE borrowed)::int AS borrowed`,
      )
    ).rows[0];
    console.error(
      `seeded ${counts.resources} resources, ${counts.allocations} allocations (${counts.borrowed} borrowed) in ${Math.round(performance.now() - started)} ms`,
    );
    // The spoke with the most resources below it that is a leaf: 40 resources.
    const [{ id: spoke }] = (await owner.query(`SELECT id FROM tenants WHERE org_id = $1 AND depth = 3 ORDER BY name LIMIT 1`, [org.hubId])).rows;

    // The plans as the api runs them: the app role, in the hub admin's context (RLS in force).
    const session = await owner.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES (gen_random_uuid(), $1, now() + interval '1 hour') RETURNING id`, [
      adminId,
    ]);
    const app = new Client({ connectionString: appUrl(database) });
    await app.connect();
    const plans: string[] = [];
    try {
      for (const [label, sql, params] of [
        ['resourceLoad, hub, 52 weeks', resourceStatements.RESOURCE_LOAD.text, [org.hubId, FIRST_MONDAY, LAST_MONDAY, false]],
        ['capacitySummary, hub, 52 weeks', resourceStatements.CAPACITY_SUMMARY.text, [org.hubId, FIRST_MONDAY, LAST_MONDAY]],
      ] as Array<[string, string, unknown[]]>) {
        await app.query('BEGIN');
        await app.query('SELECT * FROM pmo_enter_session($1)', [session.rows[0].id]);
        // The api's 5 s limit is for requests; a plan with ANALYZE on a shared machine may take longer.
        await app.query(`SET LOCAL statement_timeout = '60s'`);
        const plan = await app.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${sql}`, params);
        await app.query('ROLLBACK');
        console.error(`${label}:\n${plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')}`);
        plans.push(`${label}:\n${plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')}`);
      }
    } finally {
      await app.end();
    }

    // Development mode: the api reports extensions.sqlStatements (every request pays for it alike).
    api = await ApiProcess.start('api', { ...env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn' });
    const token = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;

    const LOAD = `query($t: ID!, $o: Boolean) { resourceLoad(tenantId: $t, fromWeek: "2026-W01", toWeek: "2026-W52", overAllocatedOnly: $o) {
      resource { id name home { name } } week capacityHours hardHours softHours overAllocated } }`;
    const SUMMARY = `query($t: ID!) { capacitySummary(tenantId: $t, fromWeek: "2026-W01", toWeek: "2026-W52") { week resources capacityHours hardHours softHours requestedHours } }`;
    const all = [
      { name: '{ me { id } }', query: `{ me { id } }`, variables: {}, rows: (d: Record<string, unknown[]>) => (d.me ? 1 : 0) },
      {
        name: 'resourceLoad, hub, 52 weeks',
        query: LOAD,
        variables: { t: org.hubId },
        heavy: true,
        rows: (d: Record<string, unknown[]>) => d.resourceLoad.length,
      },
      {
        name: 'resourceLoad, hub, 52 weeks, overAllocatedOnly',
        query: LOAD,
        variables: { t: org.hubId, o: true },
        rows: (d: Record<string, unknown[]>) => d.resourceLoad.length,
      },
      {
        name: 'resourceLoad, one spoke (40 resources), 52 weeks',
        query: LOAD,
        variables: { t: spoke },
        rows: (d: Record<string, unknown[]>) => d.resourceLoad.length,
      },
      { name: 'capacitySummary, hub, 52 weeks', query: SUMMARY, variables: { t: org.hubId }, rows: (d: Record<string, unknown[]>) => d.capacitySummary.length },
      {
        name: 'capacitySummary, one spoke, 52 weeks',
        query: SUMMARY,
        variables: { t: spoke },
        rows: (d: Record<string, unknown[]>) => d.capacitySummary.length,
      },
    ];

    const requests = all.filter((r) => r.name === '{ me { id } }' || r.name.includes(ONLY));
    const statements = new Map<string, number>();
    const rows = new Map<string, number>();
    for (const request of requests) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      const body = (await res.json()) as { data: Record<string, unknown[]>; errors?: unknown[]; extensions?: { sqlStatements?: number } };
      if (body.errors) throw new Error(`${request.name}: ${JSON.stringify(body.errors)}\n${api.logs()}`);
      statements.set(request.name, body.extensions?.sqlStatements ?? NaN);
      rows.set(request.name, request.rows(body.data));
    }

    const pid = api.pid as number;
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        const before = cpuMs(pid);
        // The hub's full load one at a time: each answers 104,000 rows, and several at once on two cores would measure the queue.
        const [count, concurrency] = 'heavy' in request ? [Math.max(5, REQUESTS / 20), 1] : [REQUESTS, CONCURRENCY];
        const result = await runLoad(api.url, { query: request.query, variables: request.variables, token }, count, concurrency);
        const sample = { rps: result.perSecond, p50: result.p50Ms, p95: result.p95Ms, cpuMsPerRequest: (cpuMs(pid) - before) / count };
        samples.set(request.name, [...(samples.get(request.name) ?? []), sample]);
        console.error(
          `round ${round + 1} ${request.name}: ${sample.rps.toFixed(1)} req/s, p50 ${sample.p50.toFixed(1)} ms, ${sample.cpuMsPerRequest.toFixed(2)} CPU ms/req`,
        );
      }
    }
    await api.stop();
    api = undefined;

    const med = (name: string, pick: (s: Sample) => number) => median((samples.get(name) ?? []).map(pick));
    const trivial = med('{ me { id } }', (s) => s.rps);
    console.log(
      `\n### Resource load: ${counts.resources} resources, ${counts.allocations} allocations (${counts.borrowed} borrowed), 52 weeks ` +
        `(median of ${ROUNDS} interleaved rounds, ${REQUESTS} requests each (the hub's full load ${Math.max(5, REQUESTS / 20)}, one at a time), ${CONCURRENCY} concurrent)\n`,
    );
    console.log('| request | rows | SQL statements | req/s | relative to { me { id } } | p50 / p95 ms | api CPU ms/req |');
    console.log('|---|---|---|---|---|---|---|');
    for (const { name } of requests) {
      const rps = med(name, (s) => s.rps);
      console.log(
        `| ${name} | ${rows.get(name)} | ${statements.get(name)} | ${rps.toFixed(1)} | ${(rps / trivial).toFixed(3)} | ${med(name, (s) => s.p50).toFixed(1)} / ${med(name, (s) => s.p95).toFixed(1)} | ${med(
          name,
          (s) => s.cpuMsPerRequest,
        ).toFixed(2)} |`,
      );
    }
    console.log(`\n${plans.join('\n\n')}`);
  } finally {
    await api?.stop();
    await owner.end().catch(() => undefined);
    await dropQueueKeys(database);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
