// The api and worker started by `npm start` stop when their launcher is gone (killed with
// SIGKILL, say): a launcher that runs again starts a fresh set, so none is left serving
// from a database it no longer owns. Their IPC channel to it closes when it dies.
import type { Logger } from 'pino';

const GRACE_MS = 10_000;

export function stopWithLauncher(logger: Logger): void {
  if (!process.send) return; // not started by a launcher
  process.once('disconnect', () => {
    logger.warn('the launcher is gone: shutting down');
    // SIGTERM runs the usual graceful shutdown (active jobs finish); exit regardless after a grace period.
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
