import type { EntityManager } from 'typeorm';
import { QueueName } from '@pmo/shared';
import type { TenantDb } from '../database/tenant-db';
import { AfterCommitJobs } from './after-commit-jobs';
import { AnyJob, defineJob } from './job-definition';
import type { JobQueue } from './job-queue.service';

const NODE = defineJob<{ tenantId: string; period: string }>({ name: 'test.after-commit.node', queue: QueueName.ROLLUPS, options: () => ({}) });
const EVENT = defineJob<{ id: string }>({ name: 'test.after-commit.event', queue: QueueName.EVENTS, options: () => ({}) });

/** Transactions as TenantDb keeps them: tasks registered while one is open run once it commits. */
function setup() {
  const tasks: Array<() => Promise<unknown>> = [];
  const added: Array<{ job: AnyJob; payloads: readonly object[] }> = [];
  const db = { afterCommit: (task: () => Promise<unknown>) => void tasks.push(task) } as unknown as TenantDb;
  const jobs = { addDurable: async (job: AnyJob, payloads: readonly object[]) => void added.push({ job, payloads }) } as unknown as JobQueue;
  const commit = async () => {
    for (const task of tasks.splice(0)) await task();
  };
  return { afterCommit: new AfterCommitJobs(db, jobs), tasks, added, commit };
}

const transaction = () => ({}) as EntityManager;

describe('AfterCommitJobs', () => {
  it('adds what one transaction asked for after it commits, in one call per job, each payload once', async () => {
    const { afterCommit, tasks, added, commit } = setup();
    const em = transaction();
    afterCommit.add(em, NODE, [
      { tenantId: 'a', period: '2026-01' },
      { tenantId: 'b', period: '2026-01' },
    ]);
    afterCommit.add(em, EVENT, [{ id: 'e' }]);
    afterCommit.add(em, NODE, [
      { tenantId: 'a', period: '2026-01' },
      { tenantId: 'c', period: '2026-02' },
    ]);
    expect(tasks).toHaveLength(1);
    expect(added).toEqual([]);
    await commit();
    expect(added).toEqual([
      {
        job: NODE,
        payloads: [
          { tenantId: 'a', period: '2026-01' },
          { tenantId: 'b', period: '2026-01' },
          { tenantId: 'c', period: '2026-02' },
        ],
      },
      { job: EVENT, payloads: [{ id: 'e' }] },
    ]);
  });

  it('keeps each transaction’s jobs apart, and a later one starts afresh', async () => {
    const { afterCommit, tasks, added, commit } = setup();
    const [first, second] = [transaction(), transaction()];
    afterCommit.add(first, NODE, [{ tenantId: 'a', period: '2026-01' }]);
    afterCommit.add(second, NODE, [{ tenantId: 'b', period: '2026-01' }]);
    afterCommit.add(second, NODE, []);
    expect(tasks).toHaveLength(2);
    await commit();
    expect(added.map(({ payloads }) => payloads)).toEqual([[{ tenantId: 'a', period: '2026-01' }], [{ tenantId: 'b', period: '2026-01' }]]);
    afterCommit.add(first, NODE, [{ tenantId: 'a', period: '2026-01' }]);
    expect(tasks).toHaveLength(1);
  });
});
