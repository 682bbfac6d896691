// `npm run bench:builds -- <baseline checkout>`: this build's api against another build's
// (a checkout of an earlier commit, built with `npm run build`), side by side in one run
// on one database: the same requests, interleaved rounds, each api in production mode on
// its own port. Load comes from autocannon; for each request it reports requests per
// second, p50/p99 latency and the api process's CPU milliseconds per request, and the
// ratios current/baseline. Not a test: figures side by side.
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '@pmo/core';
import { monthsOf, seedOrganization } from '../seed';
import { graphql, median } from './lib/load';
import { ApiProcess, cpuMs, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl, productionEnv } from './lib/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
}

async function main(): Promise<void> {
  const baselineRoot = resolve(process.argv[2] ?? process.env.BENCH_BASELINE ?? '');
  const baselineMain = join(baselineRoot, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(baselineMain)) throw new Error(`No built baseline at ${baselineMain}: pass a checkout built with npm run build`);

  const database = await createMigratedDatabase('builds');
  const env = productionEnv(database);
  const apis: ApiProcess[] = [];
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 2000, periods: monthsOf(2026).slice(0, 2), name: 'Builds Org' });
    await db.destroy();
    apis.push(await ApiProcess.start('baseline', env, { main: baselineMain }), await ApiProcess.start('current', env));
    const [baseline, current] = apis;
    const token = (
      await graphql(current.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;
    const owner = new Client({ connectionString: ownerUrl(database) });
    await owner.connect();
    const [{ id: projectId }] = (await owner.query(`SELECT id FROM projects WHERE tenant_id = $1 ORDER BY code LIMIT 1`, [org.tenants.at(-1)])).rows;
    const [{ key: kpiKey }] = (await owner.query(`SELECT key FROM kpi_definitions WHERE tenant_id = $1 ORDER BY key LIMIT 1`, [org.hubId])).rows;
    await owner.end();

    const requests: Array<{ name: string; query: string; variables: Record<string, unknown> }> = [
      { name: '{ me { id } }', query: `{ me { id } }`, variables: {} },
      {
        name: 'projects(first: 50), hub',
        query: `query($t: ID!) { projects(tenantId: $t, first: 50) { totalCount edges { node { id code name state tenant { name } } } } }`,
        variables: { t: org.hubId },
      },
      {
        name: 'project with milestones and latest report',
        query: `query($id: ID!) { project(id: $id) { id name state program { name } milestones { name status } latestStatusReport { period overall } } }`,
        variables: { id: projectId },
      },
      {
        name: 'kpiRollup, hub',
        query: `query($t: ID!, $k: String!) { kpiRollup(tenantId: $t, kpiKey: $k, period: "2026-01") { value projectCount } }`,
        variables: { t: org.hubId, k: kpiKey },
      },
      {
        name: 'updateProject (write, audit)',
        query: `mutation($id: ID!) { updateProject(id: $id, input: { description: "benchmark" }) { id } }`,
        variables: { id: projectId },
      },
      {
        name: 'recordKpiValue (write, rollup job)',
        query: `mutation($p: ID!, $k: String!) { recordKpiValue(input: { projectId: $p, kpiKey: $k, period: "2026-02", value: 7 }) { value } }`,
        variables: { p: projectId, k: kpiKey },
      },
    ];

    const samples = new Map<string, Sample[]>();
    const run = async (api: ApiProcess, request: (typeof requests)[number]): Promise<Sample> => {
      const before = cpuMs(api.pid as number);
      const result = await autocannon({
        url: `${api.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
        connections: CONNECTIONS,
        duration: SECONDS,
      });
      const spent = cpuMs(api.pid as number) - before;
      if (result.non2xx || result.errors) throw new Error(`${api.label}: ${request.name} failed (${result.non2xx} non-2xx, ${result.errors} errors)`);
      return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerRequest: spent / result.requests.total };
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        // Alternate which api goes first, so neither always meets the warmer machine.
        const order = round % 2 ? [current, baseline] : [baseline, current];
        for (const api of order) {
          const sample = await run(api, request);
          const key = `${api.label}:${request.name}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.error(
            `round ${round + 1} ${api.label.padEnd(8)} ${request.name}: ${sample.rps.toFixed(0)} req/s, ${sample.cpuMsPerRequest.toFixed(2)} CPU ms/req`,
          );
        }
      }
    }

    const med = (label: string, name: string, pick: (s: Sample) => number) => median((samples.get(`${label}:${name}`) ?? []).map(pick));
    console.log(`\n### This build against ${baselineRoot} (median of ${ROUNDS} interleaved rounds, ${SECONDS} s each, ${CONNECTIONS} connections)\n`);
    console.log('| request | baseline req/s | current req/s | ratio | baseline CPU ms/req | current CPU ms/req | ratio | p99 ms baseline / current |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const { name } of requests) {
      const [brps, crps] = [med('baseline', name, (s) => s.rps), med('current', name, (s) => s.rps)];
      const [bcpu, ccpu] = [med('baseline', name, (s) => s.cpuMsPerRequest), med('current', name, (s) => s.cpuMsPerRequest)];
      const [bp99, cp99] = [med('baseline', name, (s) => s.p99), med('current', name, (s) => s.p99)];
      console.log(
        `| ${name} | ${brps.toFixed(0)} | ${crps.toFixed(0)} | ${(crps / brps).toFixed(2)} | ${bcpu.toFixed(2)} | ${ccpu.toFixed(2)} | ${(ccpu / bcpu).toFixed(2)} | ${bp99} / ${cp99} |`,
      );
    }
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await dropQueueKeys(database);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
