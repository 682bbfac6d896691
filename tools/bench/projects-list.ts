// `npm run bench:projects`: what a page of projects with nested fields (tenant, program,
// latest status report, milestones) and `{ me { id } }` cost the api, side by side in one
// run on one seeded database (5,000 projects):
// - SQL statements and transactions per request (development mode's extensions), for
//   pages of 10, 100 and 1,000: neither may grow with the page;
// - the api process's CPU milliseconds per request (from /proc) and the share of it spent
//   in garbage collection (the samples of a --cpu-prof profile taken while it ran), under
//   autocannon, in production mode, for
//   `projects(first: 100)` and `{ me { id } }`: this build as started (API_NODE_FLAGS), with
//   Node's default young generation and other sizes (BENCH_SEMI_SPACES=32,128:
//   --max-semi-space-size in MB), an earlier
//   build (BENCH_BEFORE=<checkout built with npm run build>) and, for `me`, a bare NestJS +
//   Apollo server running one statement (fixtures/bare-api.ts). Rounds interleave them.
// BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS; BENCH_PROFILES=<dir>
// keeps the profiles (else they go to a temporary folder). Not a test: figures side by side.
import autocannon from 'autocannon';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '@pmo/core';
import { API_NODE_FLAGS } from '@pmo/core/launcher';
import { seedOrganization } from '../seed';
import { graphql, median } from './lib/load';
import { ApiProcess, cpuMs, createMigratedDatabase, DIST, dropDatabase, dropQueueKeys, ownerUrl, productionEnv } from './lib/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SEMI_SPACES = (process.env.BENCH_SEMI_SPACES ?? '').split(',').filter(Boolean).map(Number);
const BEFORE = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : undefined;
const PROFILES = resolve(process.env.BENCH_PROFILES ?? join(tmpdir(), `pmo-bench-profiles-${process.pid}`));
const PAGE_SIZES = [10, 100, 1000];

const LIST = `query($t: ID!, $n: Int!) {
  projects(tenantId: $t, first: $n) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code name state tenant { id name depth } program { id name } latestStatusReport { period overall } milestones { name status } } }
  }
}`;
const ME = `{ me { id } }`;

interface Variant {
  label: string;
  main?: string;
  node?: string[];
  /** Only `me` (the bare server knows nothing else). */
  meOnly?: boolean;
  env?: Record<string, string>;
}

interface Sample {
  rps: number;
  cpuMs: number;
  requests: number;
  cpuMsPerRequest: number;
  /** While it ran, on CLOCK_MONOTONIC (µs), as the profiles' timestamps. */
  window: [number, number];
}

const now = () => Number(process.hrtime.bigint() / 1000n);

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The share of a process's busy samples that V8 spent collecting garbage, within `windows`. */
function gcShare(profile: Profile, windows: Array<[number, number]>): number {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let [at, busy, gc] = [profile.startTime, 0, 0];
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (!windows.some(([from, to]) => at >= from && at <= to)) return;
    const name = names.get(id);
    if (name === '(idle)') return;
    busy++;
    if (name === '(garbage collector)') gc++;
  });
  return gc / busy;
}

async function login(url: string, email: string, password: string): Promise<string> {
  const data = await graphql(url, { query: `mutation($i: LoginInput!) { login(input: $i) { token } }`, variables: { i: { email, password } } });
  return data.login.token as string;
}

/** Statements and transactions per request, from a development-mode api of the build at `main`. */
async function counts(label: string, env: Record<string, string>, main: string | undefined, org: { email: string; password: string; hubId: string }) {
  const api = await ApiProcess.start(
    `${label} (development)`,
    { ...env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn' },
    main ? { main } : {},
  );
  try {
    const token = await login(api.url, org.email, org.password);
    const measure = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[]; extensions?: { sqlStatements?: number; sqlTransactions?: number } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return `${body.extensions?.sqlStatements ?? '?'} / ${body.extensions?.sqlTransactions ?? '?'}`;
    };
    const rows: Record<string, string> = { me: await measure(ME) };
    for (const size of PAGE_SIZES) rows[size] = await measure(LIST, { t: org.hubId, n: size });
    return rows;
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const beforeMain = BEFORE && join(BEFORE, 'dist', 'apps', 'api', 'src', 'main.js');
  if (beforeMain && !existsSync(beforeMain)) throw new Error(`No built api at ${beforeMain}: build that checkout with npm run build`);
  const database = await createMigratedDatabase('projects');
  const env = productionEnv(database);
  const apis: ApiProcess[] = [];
  try {
    const db = createDataSource(ownerUrl(database), 1);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 5000, periods: ['2026-12'], name: 'Benchmark Org' });
    await db.destroy();
    const owner = new Client({ connectionString: ownerUrl(database) });
    await owner.connect();
    const [{ id: userId }] = (await owner.query(`SELECT id FROM users WHERE email = $1`, [org.email])).rows;
    // Every nested field answers with rows: a program per tenant, each project in its
    // tenant's, a status report for each of two periods and two milestones a project.
    await owner.query(
      `INSERT INTO programs (id, org_id, tenant_id, name) SELECT gen_random_uuid(), org_id, id, 'Program ' || name FROM tenants WHERE org_id = $1`,
      [org.hubId],
    );
    await owner.query(`UPDATE projects p SET program_id = g.id FROM programs g WHERE g.tenant_id = p.tenant_id AND p.org_id = $1`, [org.hubId]);
    await owner.query(
      `INSERT INTO status_reports (id, project_id, tenant_id, org_id, period, overall, summary, submitted_at)
       SELECT gen_random_uuid(), p.id, p.tenant_id, p.org_id, period, 'GREEN', 'On track', to_date(period, 'YYYY-MM') + interval '1 month'
         FROM projects p CROSS JOIN unnest(ARRAY['2026-11', '2026-12']) period WHERE p.org_id = $1`,
      [org.hubId],
    );
    await owner.query(
      `INSERT INTO milestones (id, project_id, tenant_id, org_id, name, due_date)
       SELECT gen_random_uuid(), p.id, p.tenant_id, p.org_id, 'Milestone ' || n, date '2026-06-15' + n * 90
         FROM projects p CROSS JOIN generate_series(1, 2) n WHERE p.org_id = $1`,
      [org.hubId],
    );
    await owner.query('ANALYZE');
    await owner.end();

    const statements = [
      ...(beforeMain ? [['before', await counts('before', env, beforeMain, org)] as const] : []),
      ['current', await counts('current', env, undefined, org)] as const,
    ];

    const variants: Variant[] = [
      ...(beforeMain ? [{ label: 'before', main: beforeMain }] : []),
      // As started (npm start, start:api), then with Node's default young generation and the sizes asked for.
      { label: `current, ${API_NODE_FLAGS.join(' ')}`, node: API_NODE_FLAGS },
      { label: 'current, default young generation', node: [] },
      ...SEMI_SPACES.map((mb) => ({ label: `current, semi-space ${mb} MB`, node: [`--max-semi-space-size=${mb}`] })),
      {
        label: 'bare NestJS + Apollo, one statement',
        main: join(DIST, 'tools', 'bench', 'fixtures', 'bare-api.js'),
        meOnly: true,
        env: { DATABASE_URL: ownerUrl(database), BARE_USER_ID: userId },
      },
    ];
    for (const variant of variants) {
      // Every process is profiled alike (the sampling costs each the same); the GC share is read from the profile afterwards.
      const node = ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, ...(variant.node ?? [])];
      apis.push(await ApiProcess.start(variant.label, { ...env, ...variant.env }, { main: variant.main, node }));
    }
    const token = await login(apis[beforeMain ? 1 : 0].url, org.email, org.password);

    const requests = [
      { name: '{ me { id } }', body: JSON.stringify({ query: ME }) },
      { name: 'projects(first: 100) with nested fields', body: JSON.stringify({ query: LIST, variables: { t: org.hubId, n: 100 } }) },
    ];
    const samples = new Map<string, Sample[]>();
    const load = (api: ApiProcess, body: string, duration: number) =>
      autocannon({
        url: `${api.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: CONNECTIONS,
        duration,
      });
    const run = async (api: ApiProcess, label: string, body: string): Promise<Sample> => {
      const [cpuBefore, from] = [cpuMs(api.pid as number), now()];
      const result = await load(api, body, SECONDS);
      const [spent, to] = [cpuMs(api.pid as number) - cpuBefore, now()];
      if (result.non2xx || result.errors) throw new Error(`${label} failed (${result.non2xx} non-2xx, ${result.errors} errors):\n${api.logs()}`);
      return {
        rps: result.requests.average,
        cpuMs: spent,
        requests: result.requests.total,
        cpuMsPerRequest: spent / result.requests.total,
        window: [from, to],
      };
    };
    // Warmed up first (the JIT), unmeasured.
    for (const [i, variant] of variants.entries()) {
      for (const request of variant.meOnly ? requests.slice(0, 1) : requests) if (WARMUP_SECONDS > 0) await load(apis[i], request.body, WARMUP_SECONDS);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        // Rotate the order, so no variant always meets the warmer (or busier) machine.
        const order = variants.map((_, i) => (i + round) % variants.length);
        for (const i of order) {
          const variant = variants[i];
          if (variant.meOnly && request !== requests[0]) continue;
          const sample = await run(apis[i], variant.label, request.body);
          const key = `${variant.label}:${request.name}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.error(
            `round ${round + 1} ${variant.label}: ${request.name}: ${sample.rps.toFixed(0)} req/s, ${sample.cpuMsPerRequest.toFixed(3)} CPU ms/req (profile window ${sample.window.join('-')} µs)`,
          );
        }
      }
    }

    // The profiles are written as the processes exit.
    const pids = apis.map((api) => api.pid);
    await Promise.all(apis.splice(0).map((api) => api.stop()));
    const files = readdirSync(PROFILES);
    const gc = (i: number, name: string) => {
      const file = files.find((f) => f.includes(`.${pids[i]}.`));
      const windows = (samples.get(`${variants[i].label}:${name}`) ?? []).map((s) => s.window);
      return file ? gcShare(JSON.parse(readFileSync(join(PROFILES, file), 'utf8')) as Profile, windows) : NaN;
    };

    console.log(`\n### SQL per request (statements / transactions begun; development mode)\n`);
    console.log(`| build | { me { id } } | ${PAGE_SIZES.map((size) => `projects(first: ${size})`).join(' | ')} |`);
    console.log(`|---|---|${PAGE_SIZES.map(() => '---|').join('')}`);
    for (const [label, row] of statements) console.log(`| ${label} | ${row.me} | ${PAGE_SIZES.map((size) => row[size]).join(' | ')} |`);

    const med = (label: string, name: string, pick: (s: Sample) => number) => median((samples.get(`${label}:${name}`) ?? []).map(pick));
    // CPU per request over all rounds together (CPU and requests summed): steadier than a median of a few noisy rounds.
    const cpuPerRequest = (label: string, name: string) => {
      const all = samples.get(`${label}:${name}`) ?? [];
      return all.reduce((sum, s) => sum + s.cpuMs, 0) / all.reduce((sum, s) => sum + s.requests, 0);
    };
    const reference = (name: string) => (beforeMain ? cpuPerRequest('before', name) : NaN);
    const bare = cpuPerRequest(variants.at(-1)?.label ?? '', requests[0].name);
    console.log(`\n### api CPU per request (${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, production mode; req/s: median)\n`);
    console.log(
      '| request | api | req/s | CPU ms/req, all rounds | min–max of rounds | ratio to before | ratio to bare | GC share of CPU |\n|---|---|---|---|---|---|---|---|',
    );
    for (const request of requests) {
      for (const [i, variant] of variants.entries()) {
        if (variant.meOnly && request !== requests[0]) continue;
        const cpu = cpuPerRequest(variant.label, request.name);
        const [low, high] = [Math.min, Math.max].map((f) => f(...(samples.get(`${variant.label}:${request.name}`) ?? []).map((s) => s.cpuMsPerRequest)));
        const toBare = request === requests[0] ? (cpu / bare).toFixed(2) : '';
        console.log(
          `| ${request.name} | ${variant.label} | ${med(variant.label, request.name, (s) => s.rps).toFixed(0)} | ${cpu.toFixed(3)} | ${low.toFixed(2)}–${high.toFixed(2)} | ${(cpu / reference(request.name)).toFixed(2)} | ${toBare} | ${(100 * gc(i, request.name)).toFixed(0)} % |`,
        );
      }
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
