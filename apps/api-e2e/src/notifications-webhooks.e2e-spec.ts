// Webhooks end to end, with real receivers on 127.0.0.1: every message signed so that the
// standardwebhooks library verifies it, retried with the same webhook-id until a flaky
// receiver takes it, never blocked by receivers that hang, redirect or answer a huge body,
// never lost to a worker killed mid-delivery, and never sent to an endpoint of another
// organization or of a sibling branch. Bad input answers with the usual codes.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { freePort, GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;

const CREATE = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id url events active tenant { id } } } }`;
const DELIVERIES = `query($e: ID!) { webhookDeliveries(endpointId: $e) { id event messageId status attempts lastResponseStatus lastResponseBody nextAttemptAt deliveredAt } }`;
const REDELIVER = `mutation($d: ID!) { redeliverWebhook(deliveryId: $d) { id status messageId } }`;
const REPORT = `mutation($i: SubmitStatusReportInput!) { submitStatusReport(input: $i) { id } }`;

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

describe('webhooks', () => {
  let stack: Stack;
  const until = async (check: () => boolean | Promise<boolean>, ms = 30000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting\n${JSON.stringify((await stack.db.query('SELECT job_name, payload FROM outbox')).rows)} ${JSON.stringify((await stack.db.query('SELECT status, attempts, last_error FROM webhook_deliveries')).rows)} ${JSON.stringify((await stack.db.query('SELECT kind FROM notifications')).rows)}\n${stack
            .logs()
            .split('\n')
            .filter((l) => /warn|error|fail/i.test(l))
            .join('\n')
            .slice(-3000)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  /** Attempts per webhook-id at /flaky. */
  const flaky = new Map<string, number>();
  /** Called when a request arrives at /kill, before it is answered (never, for the first). */
  let onKill: (() => void) | undefined;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  let northLead: string;
  let project: string;
  let period = 0;

  const at = (path: string) => received.filter((r) => r.path === path);
  /** A new period each time: each submission is a new report, hence a new event. */
  const submit = () =>
    stack.ok(REPORT, { i: { projectId: project, period: `2025-${String(++period).padStart(2, '0')}`, overall: 'GREEN', summary: 'On track' } }, northLead);
  const create = (token: string, tenantId: string, path: string, events = ['status_report.submitted']) =>
    stack.gql(CREATE, { i: { tenantId, url: `${base}${path}`, events } }, token);
  const created = async (token: string, tenantId: string, path: string) => {
    const result = await create(token, tenantId, path);
    expect(result.errors).toBeUndefined();
    return result.data.createWebhookEndpoint as { secret: string; endpoint: { id: string; url: string; active: boolean } };
  };
  const deliveries = async (endpointId: string) => (await stack.ok(DELIVERIES, { e: endpointId }, acme.token)).webhookDeliveries;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        const headers = request.headers as Record<string, string>;
        received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
        // Two endpoints may behave alike under distinct URLs (/hang?2).
        const route = path.split('?')[0];
        if (route === '/hang') return void hanging.push(response);
        if (route === '/redirect') return void response.writeHead(302, { location: `${base}/ok` }).end();
        if (route === '/huge') {
          response.writeHead(500, { 'content-type': 'text/plain' });
          // Endless: only the worker closing the connection ends it.
          const pump = () => {
            while (response.write('x'.repeat(65536)));
          };
          response.on('drain', pump);
          response.on('close', () => response.off('drain', pump));
          return pump();
        }
        if (route === '/dead') return void response.writeHead(500).end('down');
        if (route === '/flaky') {
          const id = headers['webhook-id'];
          const attempt = (flaky.get(id) ?? 0) + 1;
          flaky.set(id, attempt);
          return void response.writeHead(attempt <= 2 ? 500 : 204).end();
        }
        if (route === '/kill' && onKill) {
          const kill = onKill;
          onKill = undefined;
          hanging.push(response);
          return kill();
        }
        response.writeHead(200).end('ok');
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${port}`;
    stack = await Stack.start({ env: { WEBHOOK_BACKOFF_MS: '200', SWEEP_INTERVAL_MS: '200', OUTBOX_GRACE_MS: '1000', WORKER_LOCK_MS: '2000' } });
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    project = (
      await stack.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { tenantId: north, code: 'ALPHA', name: 'Alpha' } },
        northLead,
      )
    ).createProject.id;
  }, 120000);

  afterAll(async () => {
    for (const response of hanging) response.destroy();
    server?.closeAllConnections();
    server?.close();
    await stack?.stop();
  });

  it('signs each message so that the standardwebhooks verifier accepts it, for the subtree of the endpoint’s tenant only', async () => {
    const hub = await created(acme.token, acme.hubId, '/ok/hub');
    const sibling = await created(acme.token, south, '/ok/south');
    const foreign = await created(globex.token, globex.hubId, '/ok/globex');
    // Subscribed to another type: hears nothing of status reports.
    expect((await create(acme.token, acme.hubId, '/ok/other-type', ['decision.recorded'])).errors).toBeUndefined();
    expect(hub.secret).toMatch(/^whsec_/);
    const { data } = await stack.gql(`query($t: ID!) { webhookEndpoints(tenantId: $t) { id url events active } }`, { t: acme.hubId }, acme.token);
    expect(JSON.stringify(data)).not.toContain('whsec_');

    const report = await submit();
    await until(() => at('/ok/hub').length === 1);
    const message = at('/ok/hub')[0];
    const verified = new Webhook(hub.secret).verify(message.body, message.headers) as { type: string; data: Record<string, string> };
    expect(verified).toEqual({
      type: 'status_report.submitted',
      timestamp: expect.any(String),
      data: expect.objectContaining({ reportId: report.submitStatusReport.id, projectId: project, tenantId: north, orgId: acme.hubId }),
    });
    // Another secret does not verify it: the signature is the endpoint's.
    expect(() => new Webhook(sibling.secret).verify(message.body, message.headers)).toThrow();
    expect(message.headers['webhook-id']).toMatch(/^msg_/);
    await until(async () => (await deliveries(hub.endpoint.id))[0]?.status === 'DELIVERED');
    expect(await deliveries(hub.endpoint.id)).toEqual([
      expect.objectContaining({
        event: 'status_report.submitted',
        messageId: message.headers['webhook-id'],
        attempts: 1,
        lastResponseStatus: 200,
        deliveredAt: expect.any(String),
      }),
    ]);

    await stack.waitForIdle();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at('/ok/south')).toEqual([]);
    expect(at('/ok/globex')).toEqual([]);
    expect(at('/ok/other-type')).toEqual([]);
    // The database agrees: no delivery was even made for them.
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ANY ($1)', [
      [sibling.endpoint.id, foreign.endpoint.id],
    ]);
    expect(rows[0].n).toBe(0);
    // Another organization cannot read this one's log.
    expect(codeOf(await stack.gql(DELIVERIES, { e: hub.endpoint.id }, globex.token))).toBe('NOT_FOUND');
  });

  it('retries a failing receiver with backoff: the third attempt delivers, with the same webhook-id', async () => {
    const endpoint = await created(acme.token, north, '/flaky');
    await submit();
    await until(async () => (await deliveries(endpoint.endpoint.id))[0]?.status === 'DELIVERED');
    const attempts = at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    for (const attempt of attempts) expect(new Webhook(endpoint.secret).verify(attempt.body, attempt.headers)).toBeTruthy();
    expect((await deliveries(endpoint.endpoint.id))[0]).toMatchObject({ attempts: 3, lastResponseStatus: 204 });

    // Sent again on request: the same message, once more.
    const [delivery] = await deliveries(endpoint.endpoint.id);
    expect((await stack.ok(REDELIVER, { d: delivery.id }, acme.token)).redeliverWebhook).toMatchObject({ status: 'PENDING', messageId: delivery.messageId });
    await until(() => at('/flaky').length === 4);
    expect(at('/flaky')[3].headers['webhook-id']).toBe(delivery.messageId);
    expect(codeOf(await stack.gql(REDELIVER, { d: delivery.id }, globex.token))).toBe('NOT_FOUND');
    await stack.ok(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.endpoint.id }, acme.token);
  });

  it('is not held up by receivers that hang, redirect or answer without end', async () => {
    const endpoints = await Promise.all(
      ['/hang', '/redirect', '/huge', '/hang', '/ok/prompt'].map((path, i) => created(acme.token, north, i === 3 ? '/hang?2' : path)),
    );
    const started = Date.now();
    await submit();
    await until(() => at('/ok/prompt').length === 1, 8000);
    // Well within the 10 s the hanging receivers are given.
    expect(Date.now() - started).toBeLessThan(8000);
    const [, redirect, huge] = endpoints;
    await until(async () => (await deliveries(redirect.endpoint.id))[0]?.attempts >= 1 && (await deliveries(huge.endpoint.id))[0]?.attempts >= 1);
    // A redirect is a failure, not followed.
    expect((await deliveries(redirect.endpoint.id))[0]).toMatchObject({ status: 'PENDING', lastResponseStatus: 302, nextAttemptAt: expect.any(String) });
    expect(at('/ok').length).toBe(0);
    const hugeDelivery = (await deliveries(huge.endpoint.id))[0];
    expect(hugeDelivery.lastResponseStatus).toBe(500);
    expect(hugeDelivery.lastResponseBody.length).toBeLessThanOrEqual(1024);
    for (const { endpoint } of endpoints) await stack.ok(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }, acme.token);
  }, 60000);

  it('loses nothing when the worker is killed with SIGKILL mid-delivery', async () => {
    const endpoint = await created(acme.token, north, '/kill');
    const worker = stack.processes[1];
    const killed = new Promise<void>((resolve) => {
      onKill = () => {
        worker.kill('SIGKILL');
        resolve();
      };
    });
    await submit();
    await killed;
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(worker.signalCode).toBe('SIGKILL');
    stack.spawnWorker();
    await until(async () => (await deliveries(endpoint.endpoint.id))[0]?.status === 'DELIVERED', 60000);
    const attempts = at('/kill');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
  }, 90000);

  it('disables an endpoint whose every attempt of 5 messages in a row failed, and tells its creator', async () => {
    const endpoint = await created(acme.token, south, '/dead');
    const southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    const southProject = (
      await stack.ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: { tenantId: south, code: 'DEAD', name: 'Dead' } }, southLead)
    ).createProject.id;
    for (let month = 1; month <= 5; month++) {
      await stack.ok(REPORT, { i: { projectId: southProject, period: `2024-${String(month).padStart(2, '0')}`, overall: 'RED', summary: 'Late' } }, southLead);
    }
    const endpoints = async () =>
      (await stack.ok(`query($t: ID!) { webhookEndpoints(tenantId: $t) { id active } }`, { t: south }, acme.token)).webhookEndpoints;
    await until(async () => (await endpoints()).find((e: { id: string }) => e.id === endpoint.endpoint.id)?.active === false, 60000);
    // 8 attempts for each of the 5 messages, then no more.
    const log = await deliveries(endpoint.endpoint.id);
    expect(log.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual(Array(5).fill(['FAILED', 8]));
    expect(at('/dead')).toHaveLength(40);
    const mine = (await stack.ok(`{ notifications { edges { node { kind entity entityId } } } }`, {}, acme.token)).notifications.edges;
    expect(mine.map((e: { node: unknown }) => e.node)).toContainEqual({
      kind: 'webhook_endpoint.disabled',
      entity: 'webhook_endpoint',
      entityId: endpoint.endpoint.id,
    });
    // A disabled endpoint gets nothing new.
    await stack.ok(REPORT, { i: { projectId: southProject, period: '2024-06', overall: 'RED', summary: 'Late' } }, southLead);
    await stack.waitForIdle();
    expect(await deliveries(endpoint.endpoint.id)).toHaveLength(5);
  }, 90000);

  describe('bad input', () => {
    it.each([
      ['a malformed URL', { url: 'not a url' }, 'BAD_USER_INPUT', 'url'],
      ['a scheme other than http(s)', { url: 'ftp://127.0.0.1/x' }, 'BAD_USER_INPUT', 'url'],
      ['the metadata address', { url: 'http://169.254.169.254/latest' }, 'BAD_USER_INPUT', 'url'],
      ['a private address', { url: 'http://10.0.0.1/hook' }, 'BAD_USER_INPUT', 'url'],
      ['an IPv4-mapped private address', { url: 'http://[::ffff:192.168.0.1]/hook' }, 'BAD_USER_INPUT', 'url'],
      ['an unknown event type', { events: ['project.exploded'] }, 'BAD_USER_INPUT', 'events'],
      ['an empty event list', { events: [] }, 'BAD_USER_INPUT', 'events'],
    ])('refuses %s', async (_what, change, code, field) => {
      const result = await stack.gql(CREATE, { i: { tenantId: north, url: `${base}/bad`, events: ['decision.recorded'], ...change } }, acme.token);
      expect(codeOf(result)).toBe(code);
      expect(fieldOf(result)).toBe(field);
    });

    it('refuses a duplicate URL for the same tenant (CONFLICT), not for another', async () => {
      await created(acme.token, south, '/dup');
      const again = await create(acme.token, south, '/dup');
      expect(codeOf(again)).toBe('CONFLICT');
      expect(fieldOf(again)).toBe('url');
      expect((await create(acme.token, north, '/dup')).errors).toBeUndefined();
    });

    it('lets only an ORG_ADMIN or PMO_LEAD of the tenant manage endpoints, and shows nothing to another organization', async () => {
      const pm = await stack.member(acme.token, north, 'PROJECT_MANAGER');
      expect(codeOf(await create(pm, north, '/pm'))).toBe('FORBIDDEN');
      expect(codeOf(await create(globex.token, north, '/foreign'))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(`query($t: ID!) { webhookEndpoints(tenantId: $t) { id } }`, { t: north }, globex.token))).toBe('NOT_FOUND');
      expect((await create(northLead, north, '/lead')).errors).toBeUndefined();
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE url LIKE '%/pm' OR url LIKE '%/foreign'`);
      expect(rows[0].n).toBe(0);
    });
  });
});
