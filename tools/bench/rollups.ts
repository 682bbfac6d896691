// `npm run bench:rollups`: the rollup engine on a seeded organization (50 spokes over
// 3 levels, 5,000 projects, 10 KPIs, 12 periods: 600,000 values), in one run:
//  1. full rebuild against one raw SQL GROUP BY computing the same leaf aggregates,
//     interleaved, same settings;
//  2. sustained ingest through the API at rising rates with an api and a worker process
//     on this machine: time from a recordKpiValue response to the hub rollup showing it
//     (read from kpiRollupUpdated events), and rollup jobs run per value written;
//  3. memory of the api and worker processes at the end;
//  4. the write path (lib/write-path.ts): single-value writes from autocannon at rising
//     rates, hub freshness and CPU per write per process (api, worker, and each one's
//     PostgreSQL backends), for this build and, side by side in the same run, the build
//     of the checkout named by BENCH_BASELINE (built with `npm run build`); BENCH_WRITE_RATES,
//     BENCH_WRITE_SECONDS, BENCH_WRITE_CONNECTIONS, BENCH_WRITE_PERIOD (2026-02, seeded:
//     each write replaces a value; 2026-03: first values, which compliance counts).
// BENCH_PARTS picks parts: `setups` (1 to 3) and `writes` (4); both by default.
// Ingest runs on each setup of BENCH_SETUPS (default both, one after the other):
// `servers` (the local PostgreSQL, the queue on Redis) and `embedded` (an embedded
// PostgreSQL started here, the queue and live updates on PostgreSQL). The rebuild is
// PostgreSQL's own work, measured on the servers setup only.
// Not a test: the machine is shared and noisy, so it reports figures side by side.
import { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { createDataSource, createTransport, EmbeddedPostgres } from '@pmo/core';
import { rebuildOrganization, REBUILD_WORK_MEM } from '@pmo/kpi';
import { monthsOf, seedOrganization } from '../seed';
import { freePort, GqlData } from '@pmo/testing';
import { median } from './lib/load';
import { Build, measureWrites, WriteStep } from './lib/write-path';
import {
  ApiProcess,
  appUrl,
  createMigratedDatabase,
  dropDatabase,
  dropQueueKeys,
  ownerUrl,
  productionEnv,
  REDIS_URL,
  startWorker,
  stopChild,
  useDatabaseServer,
} from './lib/processes';

type Setup = 'servers' | 'embedded';
const SETUPS = (process.env.BENCH_SETUPS ?? 'servers,embedded').split(',') as Setup[];

const RATES = (process.env.BENCH_RATES ?? '50,100,200,400').split(',').map(Number);
/** Values per request: 1 is recordKpiValue, more is recordKpiValues (an import's batch). */
const BATCHES = (process.env.BENCH_BATCHES ?? '1,10').split(',').map(Number);
const SECONDS_PER_RATE = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function rebuildVersusGroupBy(db: DataSource, orgId: string) {
  const raw: number[] = [];
  const rebuild: number[] = [];
  const fromEmpty: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(
      await timed(() =>
        db.transaction(async (em) => {
          await em.query(`SELECT set_config('work_mem', '${REBUILD_WORK_MEM}', true)`);
          await em.query(
            `SELECT tenant_id, kpi_id, period, count(*), sum(value), sum(value * weight), sum(weight), min(value), max(value)
               FROM kpi_values WHERE org_id = $1 GROUP BY tenant_id, kpi_id, period`,
            [orgId],
          );
        }),
      ),
    );
    rebuild.push(await timed(() => db.transaction((em) => rebuildOrganization(em, orgId))));
    fromEmpty.push(
      await timed(() =>
        db.transaction(async (em) => {
          await em.query('DELETE FROM kpi_rollups WHERE org_id = $1', [orgId]);
          await rebuildOrganization(em, orgId);
        }),
      ),
    );
  }
  return { raw: median(raw), rebuild: median(rebuild), fromEmpty: median(fromEmpty) };
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

async function gql(base: string, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: GqlData; errors?: Array<{ message: string }> };
}

async function ingest(base: string, token: string, hubId: string, projects: string[], setup: Setup, database: string) {
  const keys = ['budget_spent', 'schedule_index'];
  const period = '2026-12';
  // Writes waiting to show at the hub, per KPI: their response times.
  const pending = new Map<string, number[]>(keys.map((key) => [key, []]));
  let latencies: number[] = [];
  const ws = createClient({ url: base.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` } });
  ws.subscribe(
    { query: `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { kpi { key } period computedAt } }`, variables: { t: hubId } },
    {
      next: ({ data }) => {
        const event = data?.kpiRollupUpdated as { kpi: { key: string }; period: string; computedAt: string } | undefined;
        if (!event || event.period !== period || !pending.has(event.kpi.key)) return;
        const now = Date.now();
        const computedAt = Date.parse(event.computedAt);
        const waiting = pending.get(event.kpi.key) as number[];
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
  const transport = createTransport({
    queue: setup === 'servers' ? { backend: 'redis', redisUrl: REDIS_URL } : { backend: 'postgres' },
    prefix: database,
    databaseUrl: appUrl(database, 'pmo_worker'),
    poolSize: 2,
  });
  const rollups = transport.queue('rollups');
  const completed = async () => Number((await rollups.getMetrics('completed')).meta.count);
  const results = [];
  for (const batch of BATCHES)
    for (const rate of RATES) {
      latencies = [];
      const jobsBefore = await completed();
      let sent = 0;
      let failed = 0;
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      const requests = (rate * SECONDS_PER_RATE) / batch;
      for (let i = 0; i < requests; i++) {
        const due = started + (i * 1000 * batch) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const key = keys[i % keys.length];
        // One KPI per request, distinct projects: each value is a write the hub must show.
        const inputs = Array.from({ length: batch }, () => ({
          projectId: projects[Math.floor(Math.random() * projects.length)],
          kpiKey: key,
          period,
          value: Math.round(Math.random() * 100000) / 100,
        }));
        const write = (
          batch === 1
            ? gql(base, `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { period } }`, { input: inputs[0] }, token)
            : gql(
                base,
                `mutation($inputs: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $inputs) { period } }`,
                { inputs: [...new Map(inputs.map((input) => [input.projectId, input])).values()] },
                token,
              )
        ).then((body) => {
          if (body.errors) failed += batch;
          else pending.get(key)?.push(Date.now());
        });
        sent += batch;
        const tracked = write.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size > 256) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const elapsed = (performance.now() - started) / 1000;
      // Let the tree catch up with the last writes.
      const deadline = Date.now() + 15000;
      while ([...pending.values()].some((list) => list.length) && Date.now() < deadline) await sleep(50);
      const unseen = [...pending.values()].reduce((sum, list) => sum + list.length, 0);
      for (const list of pending.values()) list.length = 0;
      await sleep(1500);
      const jobs = (await completed()) - jobsBefore;
      results.push({
        batch,
        rate,
        achieved: Math.round(sent / elapsed),
        failed,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        unseen,
        jobsPerValue: Math.round((jobs / Math.max(1, sent - failed)) * 100) / 100,
      });
      console.error(`batch ${batch}, rate ${rate}/s done`, results[results.length - 1]);
    }
  await transport.close();
  await ws.dispose();
  return results;
}

type IngestResult = Awaited<ReturnType<typeof ingest>>[number];

/** One setup: a seeded database, an api and a worker; the rebuild when asked; ingest at every rate. */
async function runSetup(setup: Setup, withRebuild: boolean) {
  let embedded: { server: EmbeddedPostgres; home: string } | undefined;
  if (setup === 'embedded') {
    const home = mkdtempSync(join(tmpdir(), 'pmo-bench-pg-'));
    const server = await EmbeddedPostgres.start({ home, port: await freePort() });
    embedded = { server, home };
    const url = new URL(server.urls.owner);
    url.pathname = '/postgres';
    useDatabaseServer(url.toString());
  }
  const database = await createMigratedDatabase('rollups');
  const db = createDataSource(ownerUrl(database), 2);
  await db.initialize();
  let api: ApiProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    const seedStarted = performance.now();
    const org = await seedOrganization(db, { projects: 5000, periods: monthsOf(2026), name: 'Benchmark Org' });
    console.error(`${setup}: seeded ${org.values} values in ${Math.round(performance.now() - seedStarted)} ms`);
    const rebuild = withRebuild ? await rebuildVersusGroupBy(db, org.hubId) : undefined;
    // The embedded setup has no REDIS_URL: the queue and live updates run on PostgreSQL.
    const env = productionEnv(database);
    if (setup === 'embedded') delete env.REDIS_URL;
    worker = startWorker(env);
    api = await ApiProcess.start(`${setup} api`, env);
    const base = api.url;
    const login = await gql(base, `mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email: org.email, password: org.password } });
    const token = login.data.login.token as string;
    const projects: string[] = (await db.query('SELECT id FROM projects WHERE org_id = $1', [org.hubId])).map((row: { id: string }) => row.id);
    const ingested = await ingest(base, token, org.hubId, projects, setup, database);
    const memory = { apiMb: rssMb(api.pid), workerMb: rssMb(worker.pid) };
    return { setup, rebuild, ingested, memory };
  } finally {
    await Promise.all([worker && stopChild(worker), api?.stop()]);
    await db.destroy();
    await dropDatabase(database);
    if (setup === 'servers') await dropQueueKeys(database);
    if (embedded) {
      await embedded.server.stop();
      rmSync(embedded.home, { recursive: true, force: true });
    }
  }
}

const PARTS = (process.env.BENCH_PARTS ?? 'setups,writes').split(',');
const WRITE_RATES = (process.env.BENCH_WRITE_RATES ?? '100,200,300,400,500,600,800').split(',').map(Number);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 15);
const SPREAD_RATE = Number(process.env.BENCH_SPREAD_RATE ?? 200);

async function writePath(): Promise<void> {
  const builds: Build[] = [{ label: 'this build', dist: resolve(__dirname, '..', '..') }];
  if (process.env.BENCH_BASELINE) builds.unshift({ label: 'baseline', dist: resolve(process.env.BENCH_BASELINE, 'dist') });
  const results: Array<{ build: Build; steps: WriteStep[] }> = [];
  for (const build of builds) results.push({ build, steps: await measureWrites(build, WRITE_RATES, WRITE_SECONDS, SPREAD_RATE) });
  const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
  console.log(`\n### Single-value writes from autocannon (${WRITE_SECONDS} s per step; freshness = recordKpiValue response → hub rollup event)\n`);
  console.log(
    '| build | writes spread over | target/s | achieved/s | errors | p50 ms | p95 ms | not seen | CPU ms/write: api | api PG | worker | worker PG | total | generator |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { build, steps } of results) {
    for (const x of steps) {
      const total = x.cpu.api + x.cpu.apiPg + x.cpu.worker + x.cpu.workerPg;
      console.log(
        `| ${build.label} | ${x.spread} | ${x.rate} | ${x.achieved} | ${x.errors} | ${f(x.p50, 0)} | ${f(x.p95, 0)} | ${x.unseen} | ${f(x.cpu.api)} | ${f(x.cpu.apiPg)} | ${f(x.cpu.worker)} | ${f(x.cpu.workerPg)} | ${f(total)} | ${f(x.cpu.generator)} |`,
      );
    }
    const fresh = steps.filter((x) => x.spread.startsWith('depth') && x.p95 < 1000 && !x.unseen && x.achieved >= x.rate * 0.9);
    console.log(`| ${build.label} | highest fresh rate (p95 < 1 s) | ${fresh.length ? Math.max(...fresh.map((x) => x.rate)) : 'none'} | | | | | | | | | | | |`);
  }
}

async function main(): Promise<void> {
  if (PARTS.includes('setups')) await setups();
  if (PARTS.includes('writes')) await writePath();
}

async function setups(): Promise<void> {
  const runs = [];
  for (const [i, setup] of SETUPS.entries()) runs.push(await runSetup(setup, setup === 'servers' || (i === 0 && !SETUPS.includes('servers'))));
  const r = (x: number) => Math.round(x);
  const rebuild = runs.find((run) => run.rebuild)?.rebuild;
  if (rebuild) {
    console.log('\n### Rebuild against one raw GROUP BY (median of %d interleaved rounds)\n', ROUNDS);
    console.log('| measure | ms | ratio to GROUP BY |\n|---|---|---|');
    console.log(`| raw GROUP BY of the 600,000 leaf values | ${r(rebuild.raw)} | 1.00 |`);
    console.log(`| full rebuild, figures already right | ${r(rebuild.rebuild)} | ${(rebuild.rebuild / rebuild.raw).toFixed(2)} |`);
    console.log(`| full rebuild from an empty rollup table | ${r(rebuild.fromEmpty)} | ${(rebuild.fromEmpty / rebuild.raw).toFixed(2)} |`);
  }
  console.log(`\n### Ingest through the API (${SECONDS_PER_RATE} s per rate; latency = recordKpiValue response → hub rollup event)\n`);
  console.log(
    '| setup | values per request | target values/s | achieved | errors | p50 ms | p95 ms | p99 ms | not seen | rollup jobs per value |\n|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const run of runs) {
    for (const x of run.ingested as IngestResult[]) {
      console.log(
        `| ${run.setup} | ${x.batch} | ${x.rate} | ${x.achieved} | ${x.failed} | ${r(x.p50)} | ${r(x.p95)} | ${r(x.p99)} | ${x.unseen} | ${x.jobsPerValue} |`,
      );
    }
  }
  console.log('\n### Memory at the end\n\n| setup | api RSS MB | worker RSS MB |\n|---|---|---|');
  for (const run of runs) console.log(`| ${run.setup} | ${run.memory.apiMb} | ${run.memory.workerMb} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
