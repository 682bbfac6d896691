// The write path measured from outside, for one build: its own database
// (migrated by its own migrations) seeded with 5,000 projects, its api and worker, and
// single recordKpiValue requests from autocannon at fixed rates (a cheap generator: the
// machine has 2 cores, and a fetch loop costs about as much CPU as the api). Per step:
// - freshness: time from a write's response to the hub's kpiRollupUpdated event whose
//   figure was computed after it (writes to projects at depth 3, on SUM and AVG KPIs,
//   whose hub figure every write moves);
// - CPU per write of the api, the worker and each one's PostgreSQL backends, from the
//   step's start until the system is idle again (no dirty mark, no outbox row left).
// Rates rise until p95 freshness reaches 1 s; then one step spreads writes over every
// project and KPI, for the worker's CPU per value when writes touch many nodes.
import autocannon from 'autocannon';
import { createClient } from 'graphql-ws';
import { join } from 'node:path';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createDataSource } from '@pmo/core';
import { monthsOf, seedOrganization } from '../../seed';
import { BackendCpu } from './backend-cpu';
import { graphql } from './load';
import { ApiProcess, cpuMs, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl, productionEnv, startWorker, stopChild } from './processes';

/** A checkout's build: its dist/ holds the api, the worker and the migrations. */
export interface Build {
  label: string;
  dist: string;
}

export interface WriteStep {
  rate: number;
  spread: 'depth 3, 4 KPIs' | 'all projects, all KPIs';
  achieved: number;
  errors: number;
  p50: number;
  p95: number;
  /** Writes whose hub event never came within the catch-up time. */
  unseen: number;
  /** CPU milliseconds per write. */
  cpu: { api: number; apiPg: number; worker: number; workerPg: number; generator: number };
}

/**
 * The period written (BENCH_WRITE_PERIOD): by default one whose values are seeded, so each
 * write replaces a reported value; a later one (2026-03) makes each project's first value
 * of a mandatory KPI a new one, which also asks for compliance's re-evaluation.
 */
const PERIOD = process.env.BENCH_WRITE_PERIOD ?? '2026-02';
/** Every write moves these KPIs' hub figure (MIN and MAX ones only sometimes). */
const TRACKED = ['budget_spent', 'headcount', 'schedule_index', 'satisfaction'];
const CONNECTIONS = Number(process.env.BENCH_WRITE_CONNECTIONS ?? 64);
const FRESH_MS = 1000;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureWrites(build: Build, rates: number[], seconds: number, spreadRate: number): Promise<WriteStep[]> {
  const database = await createMigratedDatabase('writes', { dist: build.dist });
  const owner = new Client({ connectionString: ownerUrl(database) });
  await owner.connect();
  const db = createDataSource(ownerUrl(database), 2);
  await db.initialize();
  const env = productionEnv(database);
  const worker = startWorker(env, { main: join(build.dist, 'apps', 'worker', 'src', 'main.js') });
  let api: ApiProcess | undefined;
  try {
    const org = await seedOrganization(db, { projects: 5000, periods: monthsOf(2026).slice(0, 2), name: 'Writes Org' });
    api = await ApiProcess.start(build.label, env, { main: join(build.dist, 'apps', 'api', 'src', 'main.js') });
    const login = await graphql(api.url, {
      query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
      variables: { i: { email: org.email, password: org.password } },
    });
    const token = login.login.token as string;
    const ids = async (sql: string) => (await owner.query<{ id: string }>(sql, [org.hubId])).rows.map((row) => row.id);
    const deep = await ids('SELECT p.id FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.org_id = $1 AND t.depth = 3');
    const all = await ids('SELECT id FROM projects WHERE org_id = $1');
    const keys = (await owner.query<{ key: string }>('SELECT key FROM kpi_definitions WHERE org_id = $1 AND NOT built_in', [org.hubId])).rows.map((r) => r.key);

    // Writes waiting to show at the hub, by KPI: their response times.
    const pending = new Map<string, number[]>(TRACKED.map((key) => [key, []]));
    let latencies: number[] = [];
    const ws = createClient({
      url: api.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
    });
    ws.subscribe(
      { query: `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { kpi { key } period computedAt } }`, variables: { t: org.hubId } },
      {
        next: ({ data }) => {
          const event = data?.kpiRollupUpdated as { kpi: { key: string }; period: string; computedAt: string } | undefined;
          const waiting = event && event.period === PERIOD ? pending.get(event.kpi.key) : undefined;
          if (!event || !waiting) return;
          const now = Date.now();
          const computedAt = Date.parse(event.computedAt);
          // A hub figure computed after a write's response includes that write.
          pending.set(
            event.kpi.key,
            waiting.filter((respondedAt) => respondedAt > computedAt || (latencies.push(now - respondedAt), false)),
          );
        },
        error: (error) => console.error('subscription error', error),
        complete: () => undefined,
      },
    );
    await sleep(500);

    const idle = async (deadline: number) => {
      while (Date.now() < deadline) {
        const { rows } = await owner.query<{ n: string }>('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM kpi_rollup_dirty) AS n');
        if (Number(rows[0].n) === 0) return;
        await sleep(100);
      }
    };

    const step = async (rate: number, projects: string[], kpis: string[], spread: WriteStep['spread'], duration = seconds): Promise<WriteStep> => {
      latencies = [];
      const backends = new BackendCpu(owner, database);
      await backends.start();
      const [api0, worker0, generator0] = [cpuMs(api?.pid as number), cpuMs(worker.pid as number), process.cpuUsage()];
      let errors = 0;
      const result = await autocannon({
        // A write the api has not answered in 30 s counts as an error (autocannon's default is 10 s).
        timeout: 30,
        url: `${api?.url}/graphql`,
        connections: CONNECTIONS,
        overallRate: rate,
        duration,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            setupRequest: (request, context) => {
              const key = kpis[Math.floor(Math.random() * kpis.length)];
              (context as { key?: string }).key = key;
              const input = {
                projectId: projects[Math.floor(Math.random() * projects.length)],
                kpiKey: key,
                period: PERIOD,
                value: Math.round(Math.random() * 100000) / 100,
                weight: 1 + Math.floor(Math.random() * 10),
              };
              return {
                ...request,
                body: JSON.stringify({ query: 'mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { period } }', variables: { i: input } }),
              };
            },
            onResponse: (status, body, context) => {
              if (status !== 200 || body.includes('"errors"')) {
                if (!errors++) console.error(`${build.label}: first failed write (${status}): ${body.slice(0, 300)}`);
              } else pending.get((context as { key?: string }).key as string)?.push(Date.now());
            },
          },
        ],
      });
      // The tree catches up with the last writes, then the worker finishes what they caused.
      const deadline = Date.now() + 20000;
      while ([...pending.values()].some((list) => list.length) && Date.now() < deadline) await sleep(50);
      await idle(Date.now() + 20000);
      const pg = await backends.stop();
      const generator = process.cpuUsage(generator0);
      const writes = Math.max(1, result.requests.total - errors);
      const unseen = [...pending.values()].reduce((sum, list) => sum + list.length, 0);
      for (const list of pending.values()) list.length = 0;
      const per = (ms: number) => Math.round((ms / writes) * 1000) / 1000;
      const outcome: WriteStep = {
        rate,
        spread,
        achieved: Math.round(result.requests.total / duration),
        errors: errors + result.errors + result.non2xx,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        unseen,
        cpu: {
          api: per(cpuMs(api?.pid as number) - api0),
          apiPg: per(pg.get('pmo_app') ?? 0),
          worker: per(cpuMs(worker.pid as number) - worker0),
          workerPg: per(pg.get('pmo_worker') ?? 0),
          generator: per((generator.user + generator.system) / 1000),
        },
      };
      console.error(`${build.label}: ${spread} at ${rate}/s`, JSON.stringify(outcome));
      return outcome;
    };

    // Unmeasured: the processes' code is compiled and their pools are open before the first step.
    await step(50, all, keys, 'all projects, all KPIs', 5);
    const steps: WriteStep[] = [];
    for (const rate of rates) {
      const done = await step(rate, deep, TRACKED, 'depth 3, 4 KPIs');
      steps.push(done);
      // Past fresh: higher rates only queue more.
      if (!(done.p95 < FRESH_MS) || done.unseen || done.achieved < rate * 0.9) break;
    }
    steps.push(await step(spreadRate, all, keys, 'all projects, all KPIs'));
    await ws.dispose();
    return steps;
  } finally {
    await Promise.all([stopChild(worker), api?.stop()]);
    await owner.end();
    await db.destroy();
    await dropDatabase(database);
    await dropQueueKeys(database);
  }
}
