// kpiRollupUpdated over graphql-ws: authenticated at connection, scoped by the same
// visibility rules as queries, fed across processes through Redis pub/sub.
import type { Client } from 'graphql-ws';
import { collect, Stack } from '@pmo/testing';
import { buildOrg, record } from './rollup-harness';

const SUBSCRIPTION = `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { tenant { id } kpi { key } period value projectCount } }`;

describe('rollup subscription', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const connect = (token?: string) => stack.socket({ token }).client;
  /** The events of one tenant's rollup subscription, as they arrive. */
  const subscribeTo = (client: Client, tenantId: string) => collect(client, SUBSCRIPTION, { t: tenantId }, (data) => data?.kpiRollupUpdated);

  const until = async (check: () => boolean, ms = 15000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('pushes changed rollups to subscribers who may read them, and to nobody else', async () => {
    const org = await buildOrg(stack, [0, 0], [1, 2]);
    const siblingToken = await stack.member(org.token, org.tenants[2], 'VIEWER');
    const other = await stack.signUp();

    const hub = subscribeTo(connect(org.token), org.hubId);
    // The same tenant in capitals: one id, as PostgreSQL compares uuids.
    const hubInCapitals = subscribeTo(connect(org.token), org.hubId.toUpperCase());
    const sibling = subscribeTo(connect(siblingToken), org.tenants[2]);
    const foreign = subscribeTo(connect(other.token), org.hubId);
    const anonymous = subscribeTo(connect(), org.hubId);
    await until(() => foreign.errors.length > 0 && anonymous.errors.length > 0);
    expect(foreign.errors[0].extensions?.code ?? foreign.errors[0].message).toMatch(/NOT_FOUND/);
    expect(anonymous.errors.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the accepted subscriptions are listening

    // A value in spoke 1 changes spoke 1 and the hub: the hub subscriber hears it; the
    // spoke-2 subscriber (a sibling) hears nothing.
    expect((await record(stack, org, 0, 0, '2026-07', 42)).errors).toBeUndefined();
    await until(() => hub.events.length > 0 && hubInCapitals.events.length > 0);
    expect(hub.events[0]).toEqual({ tenant: { id: org.hubId }, kpi: { key: 'k_sum' }, period: '2026-07', value: 42, projectCount: 1 });
    expect(hubInCapitals.events[0]).toEqual(hub.events[0]);
    await stack.waitForIdle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sibling.events).toEqual([]);
    expect(foreign.events).toEqual([]);
  });

  it('answers queries sent over the socket as the connected user', async () => {
    const { token, email } = await stack.signUp();
    const result = await new Promise<unknown>((resolve, reject) =>
      connect(token).subscribe({ query: '{ me { email } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(result).toEqual({ data: { me: { email } } });
  });
});
