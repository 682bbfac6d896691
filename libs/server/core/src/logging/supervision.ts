// The api and worker as children of `npm start` (a launcher that holds an IPC channel to
// them). The launcher forks them first thing, so that loading their code overlaps
// starting and migrating the database, and says when the database is ready. They stop
// when the launcher is gone (killed with SIGKILL, say): the next launcher starts a fresh
// set, so none is left serving from a database it no longer owns.
import type { Logger } from 'pino';

/** The launcher's message: the database runs and is migrated. */
export const DATABASE_READY = 'pmo:database-ready';
const GRACE_MS = 10_000;

/** Resolves once the launcher says the database is ready; at once for a process started on its own. */
export function launcherReady(): Promise<void> {
  const send = process.send;
  if (!send) return Promise.resolve();
  return new Promise((resolve) => {
    // The launcher gone before the database was ready: nothing was started, nothing to stop.
    const onDisconnect = () => process.exit(1);
    const onMessage = (message: unknown) => {
      if (message !== DATABASE_READY) return;
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
      resolve();
    };
    process.on('message', onMessage);
    process.once('disconnect', onDisconnect);
  });
}

export function stopWithLauncher(logger: Logger): void {
  if (!process.send) return; // not started by a launcher
  process.once('disconnect', () => {
    logger.warn('the launcher is gone: shutting down');
    // SIGTERM runs the usual graceful shutdown (active jobs finish); exit regardless after a grace period.
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
