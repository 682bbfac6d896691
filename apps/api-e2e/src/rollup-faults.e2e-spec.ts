// Nothing accepted is lost: a value written while the api cannot reach its queue, and the
// work of a worker killed with SIGKILL mid-job, are both rolled up in the end.
import { QUEUE_BACKEND, Stack, TEST_REDIS_URL } from '@pmo/testing';
import { buildOrg, FAST_SWEEPS, record, storedAndBruteForce } from './rollup-harness';

describe('rollup faults', () => {
  // Each test's timeout is longer than the waits inside it: a slow machine gets the time they allow.
  it('rolls up values written while the queue was unreachable from the api', async () => {
    // The api cannot enqueue: on Redis its REDIS_URL points nowhere; on PostgreSQL the
    // runtime roles lose the queue's schema. The dirty marks stay in PostgreSQL.
    const onRedis = QUEUE_BACKEND === 'redis';
    const stack = await Stack.start({ noWorker: true, degraded: true, env: { ...FAST_SWEEPS, ...(onRedis ? { REDIS_URL: 'redis://127.0.0.1:1' } : {}) } });
    const queueAccess = (grant: boolean) =>
      stack.db.query(grant ? 'GRANT USAGE ON SCHEMA bullmq TO pmo_app_rw' : 'REVOKE USAGE ON SCHEMA bullmq FROM pmo_app_rw');
    try {
      if (!onRedis) await queueAccess(false);
      const health = await fetch(`${stack.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ database: 'up', queue: 'down', mode: { queue: QUEUE_BACKEND } });
      const org = await buildOrg(stack, [0, 1], [2, 2, 1]);
      for (let p = 0; p < 3; p++) expect((await record(stack, org, p, 0, '2026-01', 10 * (p + 1))).errors).toBeUndefined();
      const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM kpi_rollup_dirty');
      expect(rows[0].n).toBe(2);
      expect((await storedAndBruteForce(stack, org.orgId)).stored).toEqual([]);

      // The queue is back for the worker: the sweep finds the marks and the tree catches up.
      if (onRedis) stack.spawnWorker({ REDIS_URL: TEST_REDIS_URL as string });
      else {
        await queueAccess(true);
        stack.spawnWorker();
      }
      await stack.waitForIdle(60000);
      const { stored, brute } = await storedAndBruteForce(stack, org.orgId);
      expect(brute.length).toBe(3);
      expect(stored).toEqual(brute);
    } finally {
      await stack.stop();
    }
  }, 180_000);

  it('loses nothing when a worker is killed with SIGKILL mid-job', async () => {
    const stack = await Stack.start({ env: { ...FAST_SWEEPS, WORKER_LOCK_MS: '2000', WORKER_CONCURRENCY: '2' } });
    try {
      const org = await buildOrg(stack, [0, 1, 2, 0, 4], [1, 2, 3, 3, 5, 5, 0, 4]);
      const writes = [];
      for (let p = 0; p < 8; p++) for (let k = 0; k < 5; k++) for (const period of ['2026-01', '2026-02']) writes.push([p, k, period] as const);
      const killer = (async () => {
        // Kill the worker while it has rollups in hand.
        for (let i = 0; i < 200; i++) {
          const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM kpi_rollups');
          if (rows[0].n > 5) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        stack.processes[1].kill('SIGKILL');
      })();
      for (let i = 0; i < writes.length; i += 8) {
        await Promise.all(writes.slice(i, i + 8).map(([p, k, period]) => record(stack, org, p, k, period, p * 3 + k, 1 + k)));
      }
      await killer;
      expect(stack.processes[1].signalCode).toBe('SIGKILL');
      stack.spawnWorker();
      await stack.waitForIdle(90000);
      const { stored, brute } = await storedAndBruteForce(stack, org.orgId);
      expect(brute.length).toBeGreaterThan(0);
      expect(stored).toEqual(brute);
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
