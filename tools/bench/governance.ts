// `npm run bench:governance`: governance on a seeded organization (50 spokes over 3
// levels, 5,000 projects started in January, 12 periods of values, status reports for
// most projects and periods, some late, a few milestones each), in one run:
//  1. reportingObligations and reportingSummary for the hub (one period, and the summary
//     of eight periods in one request) against `{ me { id } }`, interleaved: SQL
//     statements per request (development mode's extensions.sqlStatements), requests per
//     second and p50/p99 latency from autocannon, and CPU milliseconds per request of the
//     api process;
//  2. the compliance re-evaluation of the whole organization for one period, as the
//     worker runs it (compliance.evaluate for the hub, set-based), from enqueue to the
//     scores written, against a raw GROUP BY over the same inputs (reports, values of
//     mandatory KPIs, milestones, actions), interleaved.
// Not a test: the machine is shared and noisy, so it reports figures side by side.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, createTransport, definedJob } from '@pmo/core';
import { QueueName } from '@pmo/shared';
import '@pmo/governance';
import { monthsOf, seedOrganization } from '../seed';
import { graphql, median } from './lib/load';
import {
  ApiProcess,
  appUrl,
  cpuMs,
  createMigratedDatabase,
  dropDatabase,
  dropQueueKeys,
  ownerUrl,
  productionEnv,
  REDIS_URL,
  startWorker,
  stopChild,
} from './lib/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** January to August: the worker's daily re-evaluation at boot scores the periods from September on. */
const PERIODS = monthsOf(2026).slice(0, 8);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same inputs compliance reads, per project for one period, in one plain GROUP BY (no rules, no time). */
const RAW_GROUP_BY = `
  SELECT p.id, count(DISTINCT s.id) AS reports, count(DISTINCT v.kpi_id) AS mandatory_values,
         count(DISTINCT m.id) FILTER (WHERE m.completed_on IS NULL OR m.completed_on > m.due_date) AS late_milestones,
         count(DISTINCT a.id) FILTER (WHERE a.state = 'OPEN') AS open_actions
    FROM projects p
    LEFT JOIN status_reports s ON s.project_id = p.id AND s.period = $2
    LEFT JOIN kpi_values v ON v.project_id = p.id AND v.period = $2 AND v.kpi_id IN (SELECT id FROM kpi_definitions WHERE org_id = $1 AND mandatory)
    LEFT JOIN milestones m ON m.project_id = p.id AND m.due_date < (to_date($2, 'YYYY-MM') + interval '1 month')
    LEFT JOIN corrective_actions a ON a.project_id = p.id
   WHERE p.org_id = $1
   GROUP BY p.id`;

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
}

async function main(): Promise<void> {
  const database = await createMigratedDatabase('governance');
  const env = productionEnv(database);
  let api: ApiProcess | undefined;
  let worker: ReturnType<typeof startWorker> | undefined;
  const owner = new Client({ connectionString: ownerUrl(database) });
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 5000, periods: monthsOf(2026), name: 'Governance Org' });
    await db.destroy();
    await owner.connect();
    // Started in January; a report for 90% of projects and periods, one in five of them after its due time; two milestones a project.
    await owner.query(`UPDATE projects SET start_date = '2026-01-01' WHERE org_id = $1`, [org.hubId]);
    await owner.query(
      `INSERT INTO status_reports (id, project_id, tenant_id, org_id, period, overall, summary, submitted_at)
       SELECT gen_random_uuid(), p.id, p.tenant_id, p.org_id, period, 'GREEN', 'On track',
              (to_date(period, 'YYYY-MM') + interval '1 month' + CASE WHEN random() < 0.2 THEN interval '8 days' ELSE interval '2 days' END)
         FROM projects p CROSS JOIN unnest($2::text[]) period WHERE p.org_id = $1 AND random() < 0.9`,
      [org.hubId, monthsOf(2026)],
    );
    await owner.query(
      `INSERT INTO milestones (id, project_id, tenant_id, org_id, name, due_date, completed_on)
       SELECT gen_random_uuid(), p.id, p.tenant_id, p.org_id, 'Milestone ' || n, date '2026-01-15' + (n * 90),
              CASE WHEN random() < 0.7 THEN date '2026-01-15' + (n * 90) - 3 END
         FROM projects p CROSS JOIN generate_series(1, 2) n WHERE p.org_id = $1`,
      [org.hubId],
    );
    await owner.query('ANALYZE');

    // Development mode: the api reports extensions.sqlStatements (every request pays for it alike).
    api = await ApiProcess.start('api', { ...env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn' });
    const token = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;

    const summaries = PERIODS.map(
      (p, i) => `s${i}: reportingSummary(tenantId: $t, period: "${p}") { expected due late missing fulfilled fulfilledLate waived }`,
    ).join(' ');
    const requests = [
      { name: '{ me { id } }', query: `{ me { id } }`, variables: {} },
      {
        name: 'reportingObligations, hub, one period (5,000 rows)',
        query: `query($t: ID!) { reportingObligations(tenantId: $t, period: "2026-06") { project { code } period dueAt state fulfilledAt } }`,
        variables: { t: org.hubId },
      },
      {
        name: 'reportingObligations, hub, MISSING only',
        query: `query($t: ID!) { reportingObligations(tenantId: $t, period: "2026-06", states: [MISSING]) { project { code } state } }`,
        variables: { t: org.hubId },
      },
      {
        name: 'reportingSummary, hub, one period',
        query: `query($t: ID!) { reportingSummary(tenantId: $t, period: "2026-06") { expected late missing } }`,
        variables: { t: org.hubId },
      },
      { name: `reportingSummary, hub, ${PERIODS.length} periods in one request`, query: `query($t: ID!) { ${summaries} }`, variables: { t: org.hubId } },
    ];

    const statements = new Map<string, number>();
    for (const request of requests) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      const body = (await res.json()) as { errors?: unknown[]; extensions?: { sqlStatements?: number } };
      if (body.errors) throw new Error(`${request.name}: ${JSON.stringify(body.errors)}`);
      statements.set(request.name, body.extensions?.sqlStatements ?? NaN);
    }

    const pid = api.pid as number;
    const url = api.url;
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        const before = cpuMs(pid);
        const result = await autocannon({
          url: `${url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: request.query, variables: request.variables }),
          connections: CONNECTIONS,
          duration: SECONDS,
        });
        const spent = cpuMs(pid) - before;
        if (result.non2xx || result.errors) throw new Error(`${request.name} failed (${result.non2xx} non-2xx, ${result.errors} errors)`);
        const sample = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerRequest: spent / result.requests.total };
        samples.set(request.name, [...(samples.get(request.name) ?? []), sample]);
        console.error(`round ${round + 1} ${request.name}: ${sample.rps.toFixed(1)} req/s, ${sample.cpuMsPerRequest.toFixed(2)} CPU ms/req`);
      }
    }
    await api.stop();
    api = undefined;

    // Re-evaluation: compliance.evaluate for the hub, one period a round, as a change would enqueue it.
    const job = definedJob('compliance.evaluate');
    if (!job) throw new Error('compliance.evaluate is not defined');
    const transport = createTransport({
      queue: { backend: 'redis', redisUrl: REDIS_URL },
      prefix: database,
      databaseUrl: appUrl(database, 'pmo_worker'),
      poolSize: 2,
    });
    const [{ id: kpiId }] = (await owner.query(`SELECT id FROM kpi_definitions WHERE org_id = $1 AND key = 'compliance'`, [org.hubId])).rows;
    /** Enqueues the hub's evaluation of `period` and waits until every project has its score. */
    const evaluate = async (period: string): Promise<number> => {
      const payload = { tenantId: org.hubId, period, projectIds: null, outboxId: randomUUID() };
      await transport.queue(QueueName.EVENTS).add(job.name, payload, job.options(payload));
      for (;;) {
        const { rows } = await owner.query(`SELECT count(*)::int AS n FROM kpi_values WHERE kpi_id = $1 AND period = $2`, [kpiId, period]);
        if (rows[0].n >= 5000) return rows[0].n;
        await sleep(5);
      }
    };
    const evaluations: number[] = [];
    const raw: number[] = [];
    let scored = 0;
    try {
      worker = startWorker({ ...env, LOG_LEVEL: 'warn' });
      // Warm-up, not measured: the worker's boot and its first job.
      await evaluate('2026-12');
      for (const period of PERIODS) {
        const started = performance.now();
        scored = await evaluate(period);
        evaluations.push(performance.now() - started);
        const rawStarted = performance.now();
        await owner.query(RAW_GROUP_BY, [org.hubId, period]);
        raw.push(performance.now() - rawStarted);
        console.error(`${period}: evaluation ${evaluations.at(-1)?.toFixed(0)} ms, raw GROUP BY ${raw.at(-1)?.toFixed(0)} ms`);
      }
    } finally {
      await transport.close();
    }

    const med = (name: string, pick: (s: Sample) => number) => median((samples.get(name) ?? []).map(pick));
    const trivial = med('{ me { id } }', (s) => s.rps);
    console.log(`\n### Governance reads, hub of 5,000 projects (median of ${ROUNDS} interleaved rounds, ${SECONDS} s each, ${CONNECTIONS} connections)\n`);
    console.log('| request | SQL statements | req/s | relative to { me { id } } | p50 / p99 ms | api CPU ms/req |');
    console.log('|---|---|---|---|---|---|');
    for (const { name } of requests) {
      const rps = med(name, (s) => s.rps);
      console.log(
        `| ${name} | ${statements.get(name)} | ${rps.toFixed(1)} | ${(rps / trivial).toFixed(3)} | ${med(name, (s) => s.p50)} / ${med(name, (s) => s.p99)} | ${med(name, (s) => s.cpuMsPerRequest).toFixed(2)} |`,
      );
    }
    console.log(`\n### Compliance re-evaluation of the organization, one period (${scored} scores; median of ${PERIODS.length} periods)\n`);
    console.log('| work | median ms | max ms |\n|---|---|---|');
    console.log(
      `| compliance.evaluate for the hub: enqueue → every score written (worker, set-based) | ${median(evaluations).toFixed(0)} | ${Math.max(...evaluations).toFixed(0)} |`,
    );
    console.log(`| raw GROUP BY over the same inputs (owner, no rules) | ${median(raw).toFixed(0)} | ${Math.max(...raw).toFixed(0)} |`);
  } finally {
    await api?.stop();
    if (worker) await stopChild(worker);
    await owner.end().catch(() => undefined);
    await dropQueueKeys(database);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
