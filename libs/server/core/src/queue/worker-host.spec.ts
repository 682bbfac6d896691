import { JobName } from '@pmo/shared';
import { checkHandlers } from './worker-host';

type Handler = () => Promise<unknown>;
const handler: Handler = async () => undefined;
const every = (): Array<[JobName, Handler]> => Object.values(JobName).map((name) => [name, handler]);

describe('checkHandlers', () => {
  it('maps every job to its one handler', () => {
    const handlers = checkHandlers(every());
    expect([...handlers.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('refuses to boot when a job has no handler, naming it', () => {
    const found = every().filter(([name]) => name !== JobName.ROLLUP_NODE);
    expect(() => checkHandlers(found)).toThrow(`Jobs without a handler: ${JobName.ROLLUP_NODE}`);
    expect(() => checkHandlers([])).toThrow(JobName.ORGANIZATION_PROVISION);
  });

  it('refuses to boot when a job has two handlers, naming it', () => {
    const found = [...every(), [JobName.ORGANIZATION_PROVISION, async () => 'again'] as [JobName, Handler]];
    expect(() => checkHandlers(found)).toThrow(`Job ${JobName.ORGANIZATION_PROVISION} has two handlers`);
  });
});
