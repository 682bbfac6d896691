// `npm run bench:start`: how long a newcomer waits. A fresh clone of this checkout's
// HEAD, `npm ci` in it (BENCH_NPM_CI=0 links this checkout's node_modules instead), then
// `npm start` with neither DATABASE_URL nor REDIS_URL, timed to the first healthy
// /health: the first start (build, initdb, migrations) and a second one (build, an
// existing cluster). Not a test: the machine is shared and noisy.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentWithout, freePort } from '@pmo/testing';
import { stopChild } from './lib/processes';

const ROOT = join(__dirname, '..', '..', '..');
const NPM_CI = process.env.BENCH_NPM_CI !== '0';

async function timedStart(clone: string, env: Record<string, string>): Promise<{ ms: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-5000)));
  const url = `http://127.0.0.1:${env.PORT}/health`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url)).status === 200) return { ms: performance.now() - started, child };
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** npm runs the launcher in a child: stop the whole group, as a terminal's Ctrl-C does. */
async function stop(child: ChildProcess): Promise<void> {
  const exited = stopChild(child);
  process.kill(-(child.pid as number), 'SIGINT');
  await exited;
}

async function main(): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'pmo-fresh-'));
  // Open like any checkout's directory (mkdtemp's is closed to the postgres user).
  chmodSync(clone, 0o755);
  try {
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    let npmCiMs: number | undefined;
    if (NPM_CI) {
      const started = performance.now();
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, stdio: 'inherit' });
      npmCiMs = performance.now() - started;
    } else {
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    }
    const env = environmentWithout(['DATABASE_URL', 'DATABASE_APP_URL', 'DATABASE_WORKER_URL', 'REDIS_URL', 'NODE_ENV']);
    Object.assign(env, { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' });
    const first = await timedStart(clone, env);
    await stop(first.child);
    const second = await timedStart(clone, env);
    await stop(second.child);
    const s = (ms: number) => (ms / 1000).toFixed(1);
    console.log('\n| step | s |\n|---|---|');
    if (npmCiMs !== undefined) console.log(`| \`npm ci\` in a fresh clone | ${s(npmCiMs)} |`);
    console.log(`| first \`npm start\` → healthy (build, initdb, migrations, api and worker) | ${s(first.ms)} |`);
    console.log(`| next \`npm start\` → healthy (build, existing data) | ${s(second.ms)} |`);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
