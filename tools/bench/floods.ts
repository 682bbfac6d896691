// `npm run bench:floods`: what one hostile client costs everybody else. An api and a
// worker (production mode) serve two organizations; a bystander of one asks `{ me { id } }`
// every 50 ms while the other floods the api, one flood at a time:
//   baseline          nothing
//   heavy pages       allowed pages of 1,000 projects with nested fields, 16 connections
//   costly document   24 aliased pages of 1,000 projects (refused by the cost limit)
//   huge document     anonymous: 36,000 operations in one 745 KB body (refused at parse)
//   wrong passwords   logins with a wrong password, 16 connections (throttled, bounded hashing)
//   socket aliases    20 WebSockets each sending 250 aliased pages per message
//   subscriptions     1,000 subscriptions on one socket, then a batch of 5,000 values
// It reports the bystander's latency (p50, p99, worst) per flood, the attacker's requests
// and the api's CPU per attacker request. Load comes from autocannon (the api's own cost,
// not the generator's, is what is measured). Not a test: the machine is shared and noisy.
import autocannon from 'autocannon';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Client } from 'pg';
import { createDataSource } from '@pmo/core';
import { monthsOf, seedOrganization } from '../seed';
import { graphql } from './lib/load';
import { ApiProcess, cpuMs, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl, productionEnv, startWorker, stopChild } from './lib/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

const PAGE = `query($t: ID!) { projects(tenantId: $t, first: 1000) { edges { node { id code name state tenant { id name } } } } }`;
const aliased = (count: number) =>
  `query($t: ID!) { ${Array.from({ length: count }, (_, i) => `p${i}: projects(tenantId: $t, first: 1000) { edges { node { id name state } } }`).join(' ')} }`;

interface FloodResult {
  name: string;
  bystander: { p50: number; p99: number; worst: number; samples: number; failed: number };
  attackerRequests: number;
  apiCpuMsPerAttackerRequest: number | null;
}

async function main(): Promise<void> {
  const database = await createMigratedDatabase('floods');
  const env = productionEnv(database);
  const worker = startWorker(env);
  const api = await ApiProcess.start('api', env);
  const results: FloodResult[] = [];
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 1000, periods: monthsOf(2026).slice(0, 1), name: 'Attacker Org' });
    await db.destroy();
    const attacker = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;
    const bystander = (
      await graphql(api.url, {
        query: `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
        variables: { i: { organizationName: 'Bystander Org', email: 'bystander@example.com', password: 'a long enough password' } },
      })
    ).signUp.token as string;

    const owner = new Client({ connectionString: ownerUrl(database) });
    await owner.connect();
    const projects = (await owner.query(`SELECT id FROM projects WHERE org_id = $1 LIMIT 500`, [org.hubId])).rows.map((row) => row.id as string);
    const kpis = (await owner.query(`SELECT key, aggregation FROM kpi_definitions WHERE tenant_id = $1 LIMIT 10`, [org.hubId])).rows as Array<{
      key: string;
      aggregation: string;
    }>;
    await owner.end();

    const headers = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
    const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
    const cannon = (options: { body: string; token?: string; connections: number }) =>
      autocannon({
        url: `${api.url}/graphql`,
        method: 'POST',
        headers: headers(options.token),
        body: options.body,
        connections: options.connections,
        duration: SECONDS,
      });

    async function measure(name: string, flood: () => Promise<number>): Promise<void> {
      const latencies: number[] = [];
      let running = true;
      let failed = 0;
      const probe = (async () => {
        while (running) {
          const started = performance.now();
          await graphql(api.url, { query: `{ me { id } }`, token: bystander }).then(
            () => latencies.push(performance.now() - started),
            () => failed++,
          );
          await sleep(50);
        }
      })();
      const cpuBefore = cpuMs(api.pid as number);
      const attackerRequests = await flood().finally(() => (running = false));
      const cpu = (cpuMs(api.pid as number) - cpuBefore) / 1000;
      running = false;
      await probe;
      const result: FloodResult = {
        name,
        bystander: {
          p50: Math.round(percentile(latencies, 50)),
          p99: Math.round(percentile(latencies, 99)),
          worst: Math.round(Math.max(...latencies)),
          samples: latencies.length,
          failed,
        },
        attackerRequests,
        apiCpuMsPerAttackerRequest: attackerRequests ? Number(((cpu * 1000) / attackerRequests).toFixed(2)) : null,
      };
      console.error(JSON.stringify(result));
      results.push(result);
      await sleep(1000);
    }

    // BENCH_ONLY=<part of a name> runs that flood alone (after the baseline).
    const only = process.env.BENCH_ONLY;
    const run = (name: string, flood: () => Promise<number>) =>
      !only || name === 'baseline' || name.includes(only) ? measure(name, flood) : Promise.resolve();
    await run('baseline', async () => {
      await sleep(SECONDS * 1000);
      return 0;
    });
    await run(
      'heavy pages (16 connections)',
      async () => (await cannon({ body: body(PAGE, { t: org.hubId }), token: attacker, connections: 16 })).requests.total,
    );
    await run(
      'costly document: 24 aliased pages',
      async () => (await cannon({ body: body(aliased(24), { t: org.hubId }), token: attacker, connections: 16 })).requests.total,
    );
    const huge = Array.from({ length: 36000 }, (_, i) => `query q${i} { me { id } }`).join('\n');
    await run('huge document: 36,000 operations, anonymous', async () => (await cannon({ body: body(huge), connections: 4 })).requests.total);
    await run(
      'wrong passwords (16 connections)',
      async () =>
        (
          await cannon({
            body: body(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: org.email, password: 'not the password at all' } }),
            connections: 16,
          })
        ).requests.total,
    );
    await run('socket aliases: 20 sockets x 250 aliased pages', async () => {
      const document = aliased(250);
      let sent = 0;
      const deadline = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const client = createClient({
            url: api.url.replace('http', 'ws') + '/graphql',
            webSocketImpl: WebSocket,
            connectionParams: { Authorization: `Bearer ${attacker}` },
            retryAttempts: 0,
          });
          try {
            while (Date.now() < deadline) {
              sent++;
              await new Promise<void>((resolve) =>
                client.subscribe(
                  { query: document, variables: { t: org.hubId } },
                  { next: () => undefined, error: () => resolve(), complete: () => resolve() },
                ),
              );
            }
          } finally {
            await client.dispose();
          }
        }),
      );
      return sent;
    });
    await run('subscriptions: 1,000 on one socket, then 5,000 values', async () => {
      const client = createClient({
        url: api.url.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${attacker}` },
        retryAttempts: 0,
      });
      const stops = Array.from({ length: 1000 }, () =>
        client.subscribe(
          { query: `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { value } }`, variables: { t: org.hubId } },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        ),
      );
      await sleep(1000);
      const period = monthsOf(2026)[1];
      const inputs = projects.flatMap((projectId) =>
        kpis.map(({ key, aggregation }) => ({
          projectId,
          kpiKey: key,
          period,
          value: Math.round(Math.random() * 100),
          ...(aggregation === 'WEIGHTED_AVG' ? { weight: 1 } : {}),
        })),
      );
      await graphql(api.url, {
        query: `mutation($i: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $i) { value } }`,
        variables: { i: inputs.slice(0, 5000) },
        token: attacker,
      });
      await sleep((SECONDS - 1) * 1000);
      for (const stop of stops) stop();
      await client.dispose();
      return 1001;
    });
  } catch (error) {
    console.error(`api output:\n${api.logs()}`);
    throw error;
  } finally {
    await Promise.all([api.stop(), stopChild(worker)]);
    await dropDatabase(database);
    await dropQueueKeys(database);
  }
  console.log(JSON.stringify({ seconds: SECONDS, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
