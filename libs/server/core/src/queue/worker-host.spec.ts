import { QueueName } from '@pmo/shared';
import { AnyJob, defineJob, definedJobs } from './job-definition';
import { checkHandlers } from './worker-host';

type Handler = () => Promise<unknown>;
const handler: Handler = async () => undefined;

const first = defineJob<{ tenantId: string }>({ name: 'test.first', queue: QueueName.EVENTS, options: () => ({ attempts: 2 }) });
const second = defineJob<{ tenantId: string }>({ name: 'test.second', queue: QueueName.ROLLUPS, options: () => ({}) });
const scheduled = defineJob({ name: 'test.scheduled', queue: QueueName.MAINTENANCE, options: () => ({ attempts: 1 }), every: () => 1000 });
const defined: AnyJob[] = [first, second, scheduled];
const every = (): Array<[AnyJob, Handler]> => defined.map((job) => [job, handler]);

describe('job definitions', () => {
  it('are known by name, with the shared retention under their own options', () => {
    expect(definedJobs()).toEqual(expect.arrayContaining(defined));
    expect(first.options({ tenantId: 't' })).toEqual({ removeOnComplete: true, removeOnFail: false, attempts: 2 });
  });

  it('refuse a second job of the same name', () => {
    expect(() => defineJob({ name: 'test.first', queue: QueueName.EVENTS, options: () => ({}) })).toThrow('Job test.first is defined twice');
  });
});

describe('checkHandlers', () => {
  it('maps every job to its one handler', () => {
    const handlers = checkHandlers(defined, every());
    expect([...handlers.keys()].sort()).toEqual(['test.first', 'test.scheduled', 'test.second']);
    expect(handlers.get('test.second')?.job).toBe(second);
  });

  it('refuses to boot when a job has no handler, naming it', () => {
    const found = every().filter(([job]) => job !== second);
    expect(() => checkHandlers(defined, found)).toThrow('Jobs without a handler: test.second');
    expect(() => checkHandlers(defined, [])).toThrow('Jobs without a handler: test.first, test.second, test.scheduled');
  });

  it('refuses to boot when a job has two handlers, naming it', () => {
    const found: Array<[AnyJob, Handler]> = [...every(), [first, async () => 'again']];
    expect(() => checkHandlers(defined, found)).toThrow('Job test.first has two handlers');
  });
});
