// `npm run bench:projects`: the projects list query at 10, 100 and 1,000 items per page,
// with nested fields (tenant, program, latest status report, milestones), against a
// trivial authenticated query, interleaved in one run. Reports SQL statements per
// request (from extensions.sqlStatements: it must not grow with the page) and
// throughput relative to the trivial query. Not a test: figures side by side.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { bootstrapDatabase, createDataSource } from '@pmo/core';
import { seedOrganization } from '../seed';

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE_SIZES = [10, 100, 1000];
const DIST = join(__dirname, '..', '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const url = (database: string, user?: string) => {
  const u = new URL(PG);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = user;
  }
  return u.toString();
};

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
  const body = (await res.json()) as { data?: any; errors?: unknown[]; extensions?: { sqlStatements?: number } };
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
  const database = `pmo_bench_${Date.now()}`;
  const ownerUrl = url(database);
  const appUrl = url(database, 'pmo_app');
  await bootstrapDatabase(ownerUrl, appUrl);
  const db = createDataSource(ownerUrl, 1);
  await db.initialize();
  let api: ChildProcess | undefined;
  try {
    const org = await seedOrganization(db, { projects: 5000, periods: ['2026-12'], name: 'Benchmark Org' });
    const port = 3950 + Math.floor(Math.random() * 40);
    // Development mode: the api reports extensions.sqlStatements (both queries pay for it).
    api = spawn(process.execPath, [join(DIST, 'apps/api/src/main.js')], {
      env: { ...process.env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn', PORT: String(port), DATABASE_URL: ownerUrl, DATABASE_APP_URL: appUrl, QUEUE_PREFIX: database },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200 && !(await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)); i++) await sleep(100);
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { token } }`, variables: { i: { email: org.email, password: org.password } } }),
    });
    const token = ((await res.json()) as any).data.login.token as string;

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
    api?.kill('SIGTERM');
    await sleep(1000);
    await db.destroy();
    const admin = createDataSource(url('postgres'), 1);
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
