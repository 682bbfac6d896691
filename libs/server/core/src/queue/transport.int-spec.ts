// Every queue and pub/sub feature the product relies on, on the backend of this run's
// setup (Redis in the servers setup, PostgreSQL in the embedded one): .ci/run runs this
// file in both, so the same tests prove both backends. Connections are the worker's
// runtime role (no CREATE, no temporary objects, a statement timeout), on a database of
// the test's own.
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { QueueName } from '@pmo/shared';
import { cloneDatabase, dropDatabase, QUEUE_BACKEND, TEST_REDIS_URL, testUrls } from '@pmo/testing';
import { createTransport } from './create-transport';
import { defineJob } from './job-definition';
import { JobQueue } from './job-queue.service';
import { QueuePruner } from './queue-pruner';
import { MAX_MESSAGE_BYTES, Transport } from './transport';

/** Options as the kpi library's rollup node job and sweep have them (core may not import a feature). */
const NODE_JOB = defineJob<{ tenantId: string; kpiId: string; period: string }>({
  name: 'test.node',
  queue: QueueName.ROLLUPS,
  options: ({ tenantId, kpiId, period }) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: 200 },
    deduplication: { id: `rollup:${tenantId}:${kpiId}:${period}`, keepLastIfActive: true },
  }),
});
/** As an outbox job's: no deduplication, the outbox row's id as the job's. */
const EVENT_JOB = defineJob<{ outboxId: string; tenantId: string }>({
  name: 'test.event',
  queue: QueueName.EVENTS,
  options: ({ outboxId }) => ({ attempts: 2, jobId: outboxId }),
});
const SWEEP_JOB = defineJob({ name: 'test.sweep', queue: QueueName.MAINTENANCE, options: () => ({ attempts: 1 }), every: () => 300 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

describe(`transport (${QUEUE_BACKEND})`, () => {
  let database: string;
  let owner: Client;
  const open: Transport[] = [];
  /** A transport as a process of its own makes it; prefixes isolate runs on one Redis. */
  let prefix: string;
  const transport = (ownPrefix = prefix) => {
    const made = createTransport({
      queue: TEST_REDIS_URL ? { backend: 'redis', redisUrl: TEST_REDIS_URL } : { backend: 'postgres' },
      prefix: ownPrefix,
      databaseUrl: testUrls.worker(database),
      poolSize: 20,
    });
    open.push(made);
    return made;
  };

  beforeEach(async () => {
    database = await cloneDatabase();
    prefix = database;
    owner = new Client({ connectionString: testUrls.owner(database) });
    await owner.connect();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((each) => each.close()));
    await owner.end();
    await dropDatabase(database);
    if (TEST_REDIS_URL) {
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('runs one job per node at a time, and exactly one more for changes that land while it runs', async () => {
    const t = transport();
    const queue = t.queue(QueueName.ROLLUPS);
    const payload = { tenantId: randomBytes(4).toString('hex'), kpiId: 'k', period: '2026-01' };
    const opts = NODE_JOB.options(payload);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    t.worker(
      QueueName.ROLLUPS,
      async (job: Job) => {
        runs.push(String(job.id));
        if (runs.length === 1) await held;
      },
      { concurrency: 4, lockDuration: 5000, stalledInterval: 5000 },
    );
    await queue.add(NODE_JOB.name, payload, opts);
    await until(() => runs.length === 1);
    // Three changes while the first run is active: they collapse into one more run.
    for (let i = 0; i < 3; i++) await queue.add(NODE_JOB.name, payload, opts);
    await sleep(300);
    expect(runs.length).toBe(1);
    release();
    await until(() => runs.length === 2);
    await sleep(500);
    expect(runs.length).toBe(2);
    // Completed jobs are not kept.
    await until(async () => (await queue.getJobCounts('completed', 'active', 'waiting')).active === 0);
    expect(await queue.getJobCounts('completed', 'waiting', 'delayed')).toEqual({ completed: 0, waiting: 0, delayed: 0 });
  });

  it("collapses a bulk add of a running node's changes into exactly one more run", async () => {
    const t = transport();
    const jobs = new JobQueue(t);
    const payload = { tenantId: randomBytes(4).toString('hex'), kpiId: 'k', period: '2026-01' };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    t.worker(
      QueueName.ROLLUPS,
      async (job: Job) => {
        runs.push(String(job.id));
        if (runs.length === 1) await held;
      },
      { concurrency: 4, lockDuration: 5000, stalledInterval: 5000 },
    );
    await jobs.add(NODE_JOB, payload);
    await until(() => runs.length === 1);
    await jobs.addBulk(NODE_JOB, [payload, { ...payload }, { ...payload }]);
    await sleep(300);
    expect(runs.length).toBe(1);
    release();
    await until(() => runs.length === 2);
    await sleep(500);
    expect(runs.length).toBe(2);
  });

  it('runs a delayed job when it is due, not before', async () => {
    const t = transport();
    const ran: number[] = [];
    t.worker(QueueName.EVENTS, async () => void ran.push(Date.now()), { concurrency: 2, lockDuration: 5000 });
    const added = Date.now();
    await t.queue(QueueName.EVENTS).add('delayed', {}, { delay: 700, removeOnComplete: true });
    await until(() => ran.length === 1);
    expect(ran[0] - added).toBeGreaterThanOrEqual(690);
    expect(ran[0] - added).toBeLessThan(5000);
  });

  it('runs a job scheduler on its interval, once however often it is upserted', async () => {
    const t = transport();
    const queue = t.queue(QueueName.MAINTENANCE);
    const runs: number[] = [];
    t.worker(QueueName.MAINTENANCE, async () => void runs.push(Date.now()), { concurrency: 2, lockDuration: 5000 });
    // Every worker upserts the schedules at boot: two workers, two upserts.
    for (let i = 0; i < 2; i++) {
      await queue.upsertJobScheduler(SWEEP_JOB.name, { every: 300 }, { name: SWEEP_JOB.name, data: {}, opts: SWEEP_JOB.options({}) });
    }
    expect(await queue.getJobSchedulers()).toHaveLength(1);
    await until(() => runs.length >= 5);
    // One iteration per interval, never two: iterations are due every 300 ms, so a late
    // one may run close to the next, but there are no more runs than intervals passed.
    const intervals = (runs[runs.length - 1] - runs[0]) / 300;
    expect(runs.length - 1).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const t = transport();
    const attempts: number[] = [];
    t.worker(
      QueueName.EVENTS,
      async () => {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new Error('not yet');
        return 'done';
      },
      { concurrency: 2, lockDuration: 5000 },
    );
    const job = await t.queue(QueueName.EVENTS).add('flaky', {}, { attempts: 5, backoff: { type: 'exponential', delay: 200 } });
    await until(() => attempts.length === 3);
    // 200 ms, then 400 ms.
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(190);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(390);
    await until(async () => (await t.queue(QueueName.EVENTS).getJobState(String(job.id))) === 'completed');
  });

  it("gives a dead worker's job to another once its lock expires", async () => {
    const first = transport();
    let taken = 0;
    const dying = first.worker(
      QueueName.ROLLUPS,
      async () => {
        taken++;
        await new Promise(() => undefined); // never finishes: the process is "dead"
      },
      { concurrency: 1, lockDuration: 1000, stalledInterval: 1000 },
    );
    await first.queue(QueueName.ROLLUPS).add('work', { n: 1 }, { attempts: 3 });
    await until(() => taken === 1);
    // Forced: no lock renewal, the job stays active, as with a SIGKILLed process.
    await dying.close(true);
    const second = transport();
    const finished: unknown[] = [];
    second.worker(QueueName.ROLLUPS, async (job: Job) => void finished.push(job.data), { concurrency: 1, lockDuration: 1000, stalledInterval: 500 });
    await until(() => finished.length === 1, 15_000);
    expect(finished).toEqual([{ n: 1 }]);
  });

  it('keeps failed jobs until the prune job removes those past their retention', async () => {
    const t = transport();
    const jobs = new JobQueue(t);
    const queue = jobs.queue(QueueName.EVENTS);
    t.worker(QueueName.EVENTS, async () => Promise.reject(new Error('broken')), { concurrency: 2, lockDuration: 5000 });
    for (let i = 0; i < 3; i++) await queue.add('broken', { i }, { attempts: 1, removeOnFail: false });
    await until(async () => (await queue.getJobCounts('failed')).failed === 3);
    const pruner = new QueuePruner(jobs);
    expect(await pruner.pruneFailed(QueueName.EVENTS, 3_600_000)).toBe(0);
    expect((await queue.getJobCounts('failed')).failed).toBe(3);
    await sleep(50);
    expect(await pruner.pruneFailed(QueueName.EVENTS, 10)).toBe(3);
    expect((await queue.getJobCounts('failed')).failed).toBe(0);
  });

  it('takes deduplicated adds from several producers at once without losing a node', async () => {
    const producers = [transport(), transport(), transport()].map((each) => new JobQueue(each));
    const payloads = Array.from({ length: 60 }, (_, i) => ({ tenantId: `t${i % 12}`, kpiId: 'k', period: '2026-02' }));
    const seen = new Set<string>();
    const consumer = transport();
    consumer.worker(QueueName.ROLLUPS, async (job: Job) => void seen.add(job.data.tenantId), { concurrency: 8, lockDuration: 5000 });
    // Three processes adding as their requests commit, each one job after another.
    await Promise.all(
      producers.map(async (producer, p) => {
        for (const payload of payloads.filter((_, i) => i % 3 === p)) await producer.add(NODE_JOB, payload);
      }),
    );
    await until(() => seen.size === 12);
  });

  it('takes deduplicated bulk adds from several producers at once without losing a node', async () => {
    const producers = [transport(), transport(), transport()].map((each) => new JobQueue(each));
    const payloads = Array.from({ length: 60 }, (_, i) => ({ tenantId: `t${i % 12}`, kpiId: 'k', period: '2026-03' }));
    const seen = new Set<string>();
    const consumer = transport();
    consumer.worker(QueueName.ROLLUPS, async (job: Job) => void seen.add(job.data.tenantId), { concurrency: 8, lockDuration: 5000 });
    // Three processes, each adding what one transaction asked for in one call, at once.
    await Promise.all(
      producers.map((producer, p) =>
        producer.addBulk(
          NODE_JOB,
          payloads.filter((_, i) => i % 3 === p),
        ),
      ),
    );
    await until(() => seen.size === 12);
  });

  it('bulk-adds jobs without deduplication as the runtime role may, each job id once', async () => {
    const t = transport();
    const jobs = new JobQueue(t);
    const [a, b] = ['a', 'b'].map((name) => ({ outboxId: `${name}-${randomBytes(4).toString('hex')}`, tenantId: 't' }));
    await jobs.addBulk(EVENT_JOB, [a, b, a]);
    expect((await jobs.queue(QueueName.EVENTS).getJobCounts('waiting')).waiting).toBe(2);
    const ran: string[] = [];
    t.worker(QueueName.EVENTS, async (job: Job) => void ran.push(job.data.outboxId), { concurrency: 2, lockDuration: 5000 });
    await until(() => ran.length === 2);
    expect(ran.sort()).toEqual([a.outboxId, b.outboxId].sort());
  });

  it('delivers messages to every subscriber of a channel in every process, and nothing after unsubscribing', async () => {
    const [a, b, other] = [transport(), transport(), transport(`${prefix}x`)];
    const heard: string[] = [];
    const stopA = a.subscribe('news', (message) => heard.push(`a:${message}`));
    b.subscribe('news', (message) => heard.push(`b:${message}`));
    other.subscribe('news', (message) => heard.push(`other:${message}`));
    a.subscribe('elsewhere', (message) => heard.push(`elsewhere:${message}`));
    await sleep(300); // subscriptions are set up asynchronously, as on Redis
    await b.publish('news', 'one');
    await until(() => heard.length >= 2);
    await sleep(200);
    expect(heard.sort()).toEqual(['a:one', 'b:one']);
    stopA();
    await sleep(200);
    await a.publish('news', 'two');
    await until(() => heard.length >= 3);
    await sleep(200);
    expect(heard.sort()).toEqual(['a:one', 'b:one', 'b:two']);
    await expect(a.publish('news', 'x'.repeat(MAX_MESSAGE_BYTES + 1))).rejects.toThrow('over the 7999-byte limit');
  });

  it('keeps listening after its connection is dropped', async () => {
    const [listener, speaker] = [transport(), transport()];
    const heard: string[] = [];
    listener.subscribe('news', (message) => heard.push(message));
    await sleep(300);
    await speaker.publish('news', 'before');
    await until(() => heard.includes('before'));
    // Drop the subscriber's connection from the server's side.
    if (TEST_REDIS_URL) {
      const admin = new Redis(TEST_REDIS_URL);
      await admin.client('KILL', 'TYPE', 'pubsub');
      admin.disconnect();
    } else {
      const { rowCount } = await owner.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pmo-hub:listen'",
      );
      expect(rowCount).toBe(1);
    }
    // Published until heard: messages sent while it reconnects are lost, as pub/sub's are.
    await until(async () => {
      await speaker.publish('news', 'after');
      return heard.includes('after');
    }, 15_000);
  });

  it('shares rate-limit counters between processes', async () => {
    const [one, two] = [transport(), transport()];
    // Until a process's store answers, its in-memory insurance limiter counts alone.
    for (const each of [one, two])
      await until(() =>
        each.ping().then(
          () => true,
          () => false,
        ),
      );
    const settings = { keyPrefix: 'throttle:test', points: 3, duration: 60 };
    await one.limiter(settings).consume('someone');
    await two.limiter(settings).consume('someone');
    const state = await one.limiter(settings).get('someone');
    expect(state?.consumedPoints).toBe(2);
  });

  (QUEUE_BACKEND === 'postgres' ? it : it.skip)('gives the runtime roles the queue schema rights and no way to create objects', async () => {
    const worker = new Client({ connectionString: testUrls.worker(database) });
    await worker.connect();
    try {
      const { rows } = await worker.query(
        `SELECT has_schema_privilege('bullmq', 'USAGE') AS usage, has_schema_privilege('bullmq', 'CREATE') AS create,
                has_database_privilege(current_database(), 'TEMP') AS temp, current_setting('statement_timeout') AS timeout`,
      );
      expect(rows[0]).toEqual({ usage: true, create: false, temp: false, timeout: '2min' });
      // BullMQ would make a sequence for a queue it has not seen: only the migration step may.
      const t = transport();
      await expect(t.queue('not-a-queue-of-ours').add('x', {})).rejects.toThrow(/permission denied/);
    } finally {
      await worker.end();
    }
  });
});
