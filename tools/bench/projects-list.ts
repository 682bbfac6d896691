// `npm run bench:projects`: the projects list query at 10, 100 and 1,000 items per page,
// with nested fields (tenant, program, latest status report, milestones), against a
// trivial authenticated query, interleaved in one run. Reports SQL statements per
// request (from extensions.sqlStatements: it must not grow with the page) and
// throughput relative to the trivial query. Not a test: figures side by side.
import type { GqlData } from '@pmo/testing';
import { createDataSource } from '@pmo/core';
import { seedOrganization } from '../seed';
import { median } from './lib/load';
import { ApiProcess, appUrl, createMigratedDatabase, dropDatabase, dropQueueKeys, ownerUrl } from './lib/processes';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE_SIZES = [10, 100, 1000];

const LIST = `query($t: ID!, $n: Int!) {
  projects(tenantId: $t, first: $n) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code name state tenant { id name depth } program { id name } latestStatusReport { period overall } milestones { name status } } }
  }
}`;
const TRIVIAL = `{ me { id } }`;

async function post(base: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: GqlData; errors?: unknown[]; extensions?: { sqlStatements?: number } };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

/** Requests per second for REQUESTS requests at CONCURRENCY. */
async function throughput(run: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await run();
    }),
  );
  return REQUESTS / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const database = await createMigratedDatabase('projects');
  const db = createDataSource(ownerUrl(database), 1);
  await db.initialize();
  let api: ApiProcess | undefined;
  try {
    const org = await seedOrganization(db, { projects: 5000, periods: ['2026-12'], name: 'Benchmark Org' });
    // Development mode: the api reports extensions.sqlStatements (both queries pay for it).
    api = await ApiProcess.start('api', {
      NODE_ENV: 'development',
      GRAPHQL_SCHEMA_FILE: '',
      DATABASE_URL: ownerUrl(database),
      DATABASE_APP_URL: appUrl(database),
      QUEUE_PREFIX: database,
    });
    const base = api.url;
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      }),
    });
    const token = ((await res.json()) as GqlData).data.login.token as string;

    const statements: Record<string, number> = { trivial: (await post(base, token, TRIVIAL)).extensions?.sqlStatements ?? NaN };
    for (const size of PAGE_SIZES) {
      const body = await post(base, token, LIST, { t: org.hubId, n: size });
      if (body.data.projects.edges.length !== size) throw new Error(`expected ${size} projects`);
      statements[size] = body.extensions?.sqlStatements ?? NaN;
    }
    const rates: Record<string, number[]> = { trivial: [], ...Object.fromEntries(PAGE_SIZES.map((size) => [size, []])) };
    for (let round = 0; round < ROUNDS; round++) {
      rates.trivial.push(await throughput(() => post(base, token, TRIVIAL)));
      for (const size of PAGE_SIZES) rates[size].push(await throughput(() => post(base, token, LIST, { t: org.hubId, n: size })));
    }
    const trivial = median(rates.trivial);
    console.log(`\n### Projects list (median of ${ROUNDS} interleaved rounds, ${REQUESTS} requests each at concurrency ${CONCURRENCY})\n`);
    console.log('| query | SQL statements per request | requests/s | relative to trivial |\n|---|---|---|---|');
    console.log(`| { me { id } } | ${statements.trivial} | ${trivial.toFixed(1)} | 1.00 |`);
    for (const size of PAGE_SIZES) {
      const rate = median(rates[size]);
      console.log(`| projects(first: ${size}) with nested fields | ${statements[size]} | ${rate.toFixed(1)} | ${(rate / trivial).toFixed(3)} |`);
    }
  } finally {
    await api?.stop();
    await db.destroy();
    await dropDatabase(database);
    await dropQueueKeys(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
