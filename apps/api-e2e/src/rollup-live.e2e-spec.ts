// kpiRollupUpdated over graphql-ws: authenticated at connection, scoped by the same
// visibility rules as queries, fed across processes through Redis pub/sub.
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Stack } from '../../../tools/testing/stack';
import { buildOrg, record } from './rollup-harness';

const SUBSCRIPTION = `subscription($t: ID!) { kpiRollupUpdated(tenantId: $t) { tenant { id } kpi { key } period value projectCount } }`;

describe('rollup subscription', () => {
  let stack: Stack;
  const clients: Client[] = [];

  beforeAll(async () => {
    stack = await Stack.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await stack?.stop();
  });

  function connect(token?: string): Client {
    const client = createClient({
      url: stack.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  /** Collects the events of one subscription; resolves `ready` once the server accepted it. */
  function collect(client: Client, tenantId: string) {
    const events: unknown[] = [];
    const errors: Array<{ message: string; extensions?: { code?: unknown } }> = [];
    client.subscribe(
      { query: SUBSCRIPTION, variables: { t: tenantId } },
      {
        next: (result) => (result.errors ? errors.push(...result.errors) : events.push(result.data?.kpiRollupUpdated)),
        error: (error) => errors.push(error instanceof Error ? error : { message: String(error) }),
        complete: () => undefined,
      },
    );
    return { events, errors };
  }

  const until = async (check: () => boolean, ms = 15000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('pushes changed rollups to subscribers who may read them, and to nobody else', async () => {
    const org = await buildOrg(stack, [0, 0], [1, 2]);
    const siblingToken = await stack.member(org.token, org.tenants[2], 'VIEWER');
    const other = await stack.signUp();

    const hub = collect(connect(org.token), org.hubId);
    const sibling = collect(connect(siblingToken), org.tenants[2]);
    const foreign = collect(connect(other.token), org.hubId);
    const anonymous = collect(connect(), org.hubId);
    await until(() => foreign.errors.length > 0 && anonymous.errors.length > 0);
    expect(foreign.errors[0].extensions?.code ?? foreign.errors[0].message).toMatch(/NOT_FOUND/);
    expect(anonymous.errors.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the accepted subscriptions are listening

    // A value in spoke 1 changes spoke 1 and the hub: the hub subscriber hears it; the
    // spoke-2 subscriber (a sibling) hears nothing.
    expect((await record(stack, org, 0, 0, '2026-07', 42)).errors).toBeUndefined();
    await until(() => hub.events.length > 0);
    expect(hub.events[0]).toEqual({ tenant: { id: org.hubId }, kpi: { key: 'k_sum' }, period: '2026-07', value: 42, projectCount: 1 });
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
