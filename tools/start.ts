// `npm start`: the whole product in one command. Without DATABASE_URL it starts the
// embedded PostgreSQL (data under EMBEDDED_PG_DIR, .data/pg by default) and owns it;
// it migrates the database and runs the api and the worker as two processes
// (`npm run start:api` / `start:worker` run one each, for scale-out, on a PostgreSQL
// server). If either child exits, or the embedded server dies, everything is stopped and
// the exit code passed on; the children stop by themselves when this process is killed,
// and the next start stops the server it left behind.
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { API_NODE_FLAGS, createLogger, DATABASE_READY, databaseSetup, EmbeddedPostgres, loadBootstrap, loadConfig, logLevel } from '@pmo/core/launcher';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
}

async function main(): Promise<void> {
  // The children first: loading their code is most of a start, and it overlaps starting
  // and migrating the database below. They wait for DATABASE_READY (fork keeps an IPC
  // channel, through which they also notice when this process is gone).
  const children = [
    fork(join(__dirname, '..', 'apps/api/src/main.js'), { stdio: 'inherit', execArgv: [...process.execArgv, ...API_NODE_FLAGS] }),
    fork(join(__dirname, '..', 'apps/worker/src/main.js'), { stdio: 'inherit' }),
  ];
  // Loaded after the fork: the migration code (TypeORM, BullMQ) takes a while to load too.
  const { bootstrapDatabase } = loadBootstrap();
  const logger = createLogger(logLevel(), 'start');
  let server: EmbeddedPostgres | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    for (const child of children) if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await server?.stop();
  };
  for (const child of children) child.on('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0)));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const setup = databaseSetup();
    if (setup.mode === 'embedded') {
      const started = Date.now();
      server = await EmbeddedPostgres.start({
        home: setup.home,
        port: setup.port,
        log: (line) => (/FATAL|PANIC|ERROR|WARNING/.test(line) ? logger.warn({ postgres: line }) : logger.debug({ postgres: line })),
        notice: (message) => logger.info(message),
      });
      if (stopping) return await server.stop();
      logger.info({ dir: setup.home, port: setup.port, ms: Date.now() - started }, 'embedded PostgreSQL running (127.0.0.1 only)');
      void server.exited.then(({ code, signal }) => {
        if (stopping) return;
        logger.error({ code, signal }, 'the embedded PostgreSQL exited: stopping');
        void stop(1);
      });
    }
    const config = loadConfig();
    logger.info(
      { database: config.database.mode, queue: config.queue.backend },
      `database: ${config.database.mode === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL server (DATABASE_URL)'}; queue and live updates: ${config.queue.backend === 'redis' ? 'Redis (REDIS_URL)' : 'PostgreSQL'}`,
    );
    // What `npm run db:migrate` does.
    const applied = await bootstrapDatabase(config.databaseUrl, config.databaseAppUrl, config.databaseWorkerUrl);
    logger.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error));
    await stop(1);
    return;
  }
  if (!stopping) for (const child of children) child.send(DATABASE_READY);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
