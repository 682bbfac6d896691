// `npm start` as a newcomer runs it: neither DATABASE_URL nor REDIS_URL, an empty data
// directory. The built launcher (dist/tools/start.js, what `npm start` runs after
// building) must set up and start an embedded PostgreSQL, serve the README's first
// session, keep the data across a restart, and come back by itself after being killed
// with SIGKILL. Runs in the embedded setup of .ci/run (it needs no server of the run's).
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentWithout, freePort, GqlData, setup } from '@pmo/testing';

const LAUNCHER = join(__dirname, '..', 'dist', 'tools', 'start.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Launch {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function launch(env: Record<string, string>, cwd: string): Launch {
  let output = '';
  const child = spawn(process.execPath, [LAUNCHER], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-30000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-30000)));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function healthy(base: string, launched: Launch, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (launched.child.exitCode !== null) break;
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${launched.output()}`);
}

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: GqlData; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The postmaster of a data directory, while it runs. */
function postmaster(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function refused(base: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${base}/health`);
    } catch {
      return true;
    }
    await sleep(200);
  }
  return false;
}

(setup === 'embedded' ? describe : describe.skip)('npm start with neither DATABASE_URL nor REDIS_URL', () => {
  const home = mkdtempSync(join(tmpdir(), 'pmo-start-'));
  // A checkout's directory as git makes it (mkdtemp's is closed to other users).
  chmodSync(home, 0o755);
  const launched: Launch[] = [];
  afterAll(async () => {
    for (const { child } of launched) if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM');
    await Promise.all(launched.map(({ exit }) => exit));
    const orphan = postmaster(join(home, 'pg', 'data'));
    if (orphan) process.kill(orphan, 'SIGINT');
    rmSync(home, { recursive: true, force: true });
  });

  async function environment(): Promise<Record<string, string>> {
    const env = environmentWithout(['DATABASE_URL', 'DATABASE_APP_URL', 'DATABASE_WORKER_URL', 'REDIS_URL', 'NODE_ENV', 'JWT_SECRET']);
    return {
      ...env,
      EMBEDDED_PG_DIR: join(home, 'pg'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      GRAPHQL_SCHEMA_FILE: '',
      LOG_LEVEL: 'info',
    };
  }

  it('serves the first session, keeps its data across restarts, and recovers within 15 s after its launcher is SIGKILLed', async () => {
    const env = await environment();
    const base = `http://127.0.0.1:${env.PORT}`;
    const data = join(home, 'pg', 'data');
    const start = () => {
      const one = launch(env, home);
      launched.push(one);
      return one;
    };

    // 1. A fresh directory: initdb, migrations, api and worker.
    let current = start();
    await healthy(base, current, 90_000);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({
      status: 'ok',
      database: 'up',
      queue: 'up',
      mode: { database: 'embedded', queue: 'postgres' },
    });
    expect((statSync(join(home, 'pg', 'credentials.json')).mode & 0o777).toString(8)).toBe('600');
    expect(current.output()).toContain('database: embedded PostgreSQL; queue and live updates: PostgreSQL');

    // 2. The README's first session: sign up, a KPI at the hub, a value from a spoke's project, the hub's rollup.
    const email = 'ada@acme.example';
    const password = 'a long passphrase';
    const signUp = await gql(base, 'mutation($i: SignUpInput!) { signUp(input: $i) { token user { memberships { tenant { id } } } } }', {
      i: { organizationName: 'Acme', email, password },
    });
    const token = signUp.signUp.token as string;
    const hub = signUp.signUp.user.memberships[0].tenant.id as string;
    const spoke = (await gql(base, 'mutation($p: ID!) { createSpoke(input: { parentId: $p, name: "Europe" }) { id } }', { p: hub }, token)).createSpoke.id;
    const kpi = await gql(
      base,
      'mutation($t: ID!) { createKpiDefinition(input: { tenantId: $t, key: "schedule_index", name: "Schedule index", aggregation: AVG, direction: HIGHER_IS_BETTER, greenThreshold: 0.95, amberThreshold: 0.85 }) { id } }',
      { t: hub },
      token,
    );
    await gql(base, 'mutation($id: ID!) { publishKpiDefinition(id: $id) { status } }', { id: kpi.createKpiDefinition.id }, token);
    const project = (
      await gql(base, 'mutation($t: ID!) { createProject(input: { tenantId: $t, code: "ERP-1", name: "ERP roll-out" }) { id } }', { t: spoke }, token)
    ).createProject.id;
    await gql(
      base,
      'mutation($p: ID!) { recordKpiValue(input: { projectId: $p, kpiKey: "schedule_index", period: "2026-11", value: 0.91 }) { value } }',
      { p: project },
      token,
    );
    const rollup = async (as: string) =>
      (await gql(base, 'query($t: ID!) { kpiRollup(tenantId: $t, kpiKey: "schedule_index", period: "2026-11") { value projectCount rag } }', { t: hub }, as))
        .kpiRollup;
    const deadline = Date.now() + 20_000;
    while (!(await rollup(token)) && Date.now() < deadline) await sleep(200);
    expect(await rollup(token)).toEqual({ value: 0.91, projectCount: 1, rag: 'AMBER' });

    // 3. Stopped (SIGTERM): the api, the worker and the server all go.
    const server = postmaster(data);
    expect(server).toBeDefined();
    current.child.kill('SIGTERM');
    expect(await current.exit).toBe(0);
    expect(postmaster(data)).toBeUndefined();
    expect(await refused(base, 1000)).toBe(true);

    // 4. Started again: the data is there (a new process has a new signing secret: log in again).
    current = start();
    await healthy(base, current, 60_000);
    const login = async () => (await gql(base, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { email, password } })).login.token as string;
    expect(await rollup(await login())).toEqual({ value: 0.91, projectCount: 1, rag: 'AMBER' });

    // 5. The launcher SIGKILLed: the api and worker stop by themselves; the server is left behind.
    const orphan = postmaster(data);
    current.child.kill('SIGKILL');
    await current.exit;
    expect(await refused(base, 15_000)).toBe(true);
    expect(postmaster(data)).toBe(orphan);

    // 6. Started again: the orphan is stopped, a server of its own started, serving within 15 s.
    current = start();
    const took = await healthy(base, current, 15_000);
    console.log(`serving again ${took} ms after a start that follows a SIGKILL`);
    expect(postmaster(data)).not.toBe(orphan);
    expect(current.output()).toContain(`stopping an orphaned PostgreSQL (pid ${orphan})`);
    expect(await rollup(await login())).toEqual({ value: 0.91, projectCount: 1, rag: 'AMBER' });

    // 7. The server dies under it: the launcher stops the api and worker and exits non-zero.
    process.kill(postmaster(data) as number, 'SIGKILL');
    expect(await current.exit).toBe(1);
    expect(await refused(base, 15_000)).toBe(true);
    expect(current.output()).toContain('the embedded PostgreSQL exited: stopping');
  }, 240_000);

  (process.getuid?.() === 0 ? it : it.skip)('says plainly when the postgres user cannot reach the data directory', async () => {
    const closed = join(home, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    const env = { ...(await environment()), EMBEDDED_PG_DIR: join(closed, 'pg') };
    const one = launch(env, home);
    launched.push(one);
    expect(await one.exit).toBe(1);
    expect(one.output()).toContain(`cannot enter ${closed} (mode 700)`);
    expect(existsSync(join(closed, 'pg', 'data', 'PG_VERSION'))).toBe(false);
  });
});
