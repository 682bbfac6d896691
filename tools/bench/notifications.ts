// `npm run bench:notifications`: the fan-out of 1,000 business events (status reports
// submitted, across 100 projects of a seeded organization) to 500 users (PMO_LEADs at the
// hub, so every event concerns every one of them) and 20 webhook endpoints (receivers on
// 127.0.0.1 answering 204 at once). The events are written to the outbox and enqueued as a
// producer's commit would; it measures the time to the last notification and to the last
// delivery, and the jobs run per event (the event's own job, its fan-out, its deliveries),
// from BullMQ's completed counts. The worker runs in test mode (receivers on loopback are
// refused in production), which also counts its SQL statements.
import { createServer, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, createTransport, definedJob } from '@pmo/core';
import { QueueName } from '@pmo/shared';
import '@pmo/notifications';
import '@pmo/projects';
import { freePort } from '@pmo/testing';
import { seedOrganization } from '../seed';
import {
  appUrl,
  createMigratedDatabase,
  cpuMs,
  dropDatabase,
  dropQueueKeys,
  ownerUrl,
  productionEnv,
  REDIS_URL,
  startWorker,
  stopChild,
} from './lib/processes';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 500);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 20);
const PROJECTS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const database = await createMigratedDatabase('notify');
  const env = { ...productionEnv(database), NODE_ENV: 'test', OUTBOX_GRACE_MS: '60000' };
  const owner = new Client({ connectionString: ownerUrl(database) });
  let worker: ReturnType<typeof startWorker> | undefined;
  const servers: Server[] = [];
  let received = 0;
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: PROJECTS, periods: [], name: 'Notifications Org' });
    await db.destroy();
    await owner.connect();
    await owner.query(
      `WITH u AS (INSERT INTO users (id, email, password_hash) SELECT gen_random_uuid(), 'lead' || n || '@bench.example', 'x' FROM generate_series(1, $2) n RETURNING id)
       INSERT INTO memberships (user_id, tenant_id, org_id, role) SELECT u.id, $1, $1, 'PMO_LEAD' FROM u`,
      [org.hubId, USERS],
    );
    const urls: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          received++;
          response.writeHead(204).end();
        });
      });
      const port = await freePort();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${port}/hook`);
    }
    await owner.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, org_id, url, events, secret)
       SELECT gen_random_uuid(), $1, $1, url, ARRAY['status_report.submitted'], 'whsec_' || encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64') FROM unnest($2::text[]) url`,
      [org.hubId, urls],
    );
    const projects = (await owner.query(`SELECT id, tenant_id FROM projects WHERE org_id = $1 ORDER BY id`, [org.hubId])).rows as Array<{
      id: string;
      tenant_id: string;
    }>;
    const payloads = Array.from({ length: EVENTS }, (_, i) => {
      const project = projects[i % projects.length];
      return {
        outboxId: randomUUID(),
        tenantId: project.tenant_id,
        reportId: randomUUID(),
        projectId: project.id,
        period: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
      };
    });
    await owner.query(
      `INSERT INTO outbox (id, tenant_id, org_id, job_name, payload) SELECT (p->>'outboxId')::uuid, (p->>'tenantId')::uuid, $1, 'status_report.submitted', p FROM jsonb_array_elements($2::jsonb) p`,
      [org.hubId, JSON.stringify(payloads)],
    );
    await owner.query('ANALYZE');

    worker = startWorker({ ...env, LOG_LEVEL: 'warn' });
    const transport = createTransport({
      queue: { backend: 'redis', redisUrl: REDIS_URL },
      prefix: database,
      databaseUrl: appUrl(database, 'pmo_worker'),
      poolSize: 2,
    });
    const job = definedJob('status_report.submitted');
    if (!job) throw new Error('status_report.submitted is not defined');
    try {
      // The worker's boot, not measured: it is up once its schedules exist.
      while ((await transport.queue(QueueName.MAINTENANCE).getJobSchedulers()).length === 0) await sleep(50);
      const cpuBefore = cpuMs(worker.pid as number);
      const started = performance.now();
      await transport.queue(QueueName.EVENTS).addBulk(payloads.map((data) => ({ name: job.name, data, opts: job.options(data) })));
      const expectedNotifications = EVENTS * USERS;
      const expectedDeliveries = EVENTS * ENDPOINTS;
      let lastNotification = 0;
      let lastDelivery = 0;
      while (!lastNotification || !lastDelivery) {
        if (!lastNotification) {
          const { rows } = await owner.query(`SELECT count(*)::int AS n FROM notifications`);
          if (rows[0].n >= expectedNotifications) lastNotification = performance.now() - started;
        }
        if (!lastDelivery && received >= expectedDeliveries) {
          const { rows } = await owner.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'DELIVERED'`);
          if (rows[0].n >= expectedDeliveries) lastDelivery = performance.now() - started;
        }
        await sleep(20);
      }
      const workerCpu = cpuMs(worker.pid as number) - cpuBefore;
      const completed = async (queue: QueueName) => (await transport.queue(queue).getMetrics('completed')).meta.count;
      const jobs = (await completed(QueueName.EVENTS)) + (await completed(QueueName.WEBHOOKS));
      console.log(`## Notifications and webhooks: ${EVENTS} events, ${USERS} users, ${ENDPOINTS} endpoints (one worker, Redis)\n`);
      console.log('| measure | value |');
      console.log('| --- | --- |');
      console.log(`| time to the last notification (${expectedNotifications} rows) | ${(lastNotification / 1000).toFixed(1)} s |`);
      console.log(`| time to the last delivery (${expectedDeliveries} POSTs, all 2xx) | ${(lastDelivery / 1000).toFixed(1)} s |`);
      console.log(`| HTTP requests received | ${received} |`);
      console.log(`| jobs per event | ${(jobs / EVENTS).toFixed(1)} |`);
      console.log(`| worker CPU per event | ${(workerCpu / EVENTS).toFixed(1)} ms |`);
    } finally {
      await transport.close();
    }
  } finally {
    if (worker) await stopChild(worker);
    for (const server of servers) server.close();
    await owner.end().catch(() => undefined);
    await dropQueueKeys(database);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
