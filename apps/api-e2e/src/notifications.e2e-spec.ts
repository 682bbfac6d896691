// In-app notifications end to end: who hears of an event (roles and ownership, only those
// who may see it), the live subscription for the caller alone, the list with its unread
// count, marking read (another's id is NOT_FOUND), muting a kind, and a redelivered fan-out
// that notifies nobody twice.
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { collect, GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

const ADDED = `subscription { notificationAdded { id kind title entity entityId readAt } }`;
const LIST = `query($first: Int, $after: String, $unread: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unread) { unreadCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind title entity entityId readAt } } } }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MUTE = `mutation($kind: String!, $muted: Boolean!) { setNotificationMuted(kind: $kind, muted: $muted) { mutedKinds } }`;
const REPORT = `mutation($i: SubmitStatusReportInput!) { submitStatusReport(input: $i) { id } }`;
const DECIDE = `mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id } }`;

describe('notifications', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  let hubLead: string;
  let northLead: string;
  let northPm: string;
  let southLead: string;
  let executive: string;
  let project: string;
  let period = 0;

  const until = async (check: () => boolean | Promise<boolean>, ms = 20000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting\n${stack.logs().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const connect = (token: string) => stack.socket({ token }).client;
  const listen = (client: Client) => collect(client, ADDED, {}, (data) => data?.notificationAdded);
  const list = async (token: string, variables: Record<string, unknown> = {}) => (await stack.ok(LIST, variables, token)).notifications;
  const submit = () =>
    stack.ok(REPORT, { i: { projectId: project, period: `2025-${String(++period).padStart(2, '0')}`, overall: 'AMBER', summary: 'Slipping' } }, northLead);
  const userId = async (token: string) => (await stack.ok('{ me { id } }', {}, token)).me.id as string;
  const stored = async (sql: string, params: unknown[] = []) => (await stack.db.query(sql, params)).rows;

  beforeAll(async () => {
    stack = await Stack.start();
    acme = await stack.signUp('Acme PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    hubLead = await stack.member(acme.token, acme.hubId, 'PMO_LEAD');
    northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    northPm = await stack.member(acme.token, north, 'PROJECT_MANAGER');
    southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    executive = await stack.member(acme.token, acme.hubId, 'EXECUTIVE');
    project = (
      await stack.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { tenantId: north, code: 'ALPHA', name: 'Alpha', managerId: await userId(northPm) } },
        northLead,
      )
    ).createProject.id;
  }, 120000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('tells the PMO leads on the project’s path of a status report, live and to them alone', async () => {
    const northLeadLive = listen(connect(northLead));
    const hubLeadLive = listen(connect(hubLead));
    const pmLive = listen(connect(northPm));
    const siblingLive = listen(connect(southLead));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscriptions are listening

    await submit();
    await until(() => northLeadLive.events.length === 1 && hubLeadLive.events.length === 1);
    expect(northLeadLive.events[0]).toEqual({
      id: expect.any(String),
      kind: 'status_report.submitted',
      title: 'Status report submitted for 2025-01',
      entity: 'project',
      entityId: project,
      readAt: null,
    });
    expect(hubLeadLive.events[0].id).not.toBe(northLeadLive.events[0].id);
    await stack.waitForIdle();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Not a PMO lead, and a PMO lead of a sibling branch who may not see the project.
    expect(pmLive.events).toEqual([]);
    expect(siblingLive.events).toEqual([]);
    expect(northLeadLive.errors).toEqual([]);
    expect((await list(southLead)).edges).toEqual([]);

    const mine = await list(northLead);
    expect(mine.unreadCount).toBe(1);
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([northLeadLive.events[0].id]);
  });

  it('tells the project’s manager and the PMO above of a decision', async () => {
    await stack.ok(DECIDE, { i: { projectId: project, kind: 'RESCOPE', rationale: 'Narrow the scope' } }, executive);
    await stack.waitForIdle();
    await until(async () => (await list(northPm)).unreadCount === 1);
    expect((await list(northPm)).edges[0].node).toMatchObject({ kind: 'decision.recorded', title: 'Decision recorded: rescope', entity: 'portfolio_decision' });
    for (const lead of [northLead, hubLead]) expect((await list(lead)).edges[0].node.kind).toBe('decision.recorded');
    expect((await list(southLead)).edges).toEqual([]);
    // The executive who decided is neither the manager nor a PMO lead.
    expect((await list(executive)).edges).toEqual([]);
  });

  it('marks only the caller’s notifications read: another’s id is NOT_FOUND and marks nothing', async () => {
    const mine = (await list(northLead)).edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    const theirs = (await list(hubLead)).edges[0].node.id as string;
    expect(mine).toHaveLength(2);
    const refused = await stack.gql(MARK, { ids: [mine[0], theirs] }, northLead);
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect((await list(northLead)).unreadCount).toBe(2);
    expect((await list(hubLead)).unreadCount).toBe(2);
    expect(codeOf(await stack.gql(MARK, { ids: [randomUUID()] }, northLead))).toBe('NOT_FOUND');

    expect((await stack.ok(MARK, { ids: [mine[0], mine[0].toUpperCase()] }, northLead)).markNotificationsRead).toBe(1);
    expect((await stack.ok(MARK, { ids: [mine[0]] }, northLead)).markNotificationsRead).toBe(0);
    const after = await list(northLead);
    expect(after.unreadCount).toBe(1);
    expect(after.edges.find((e: { node: { id: string } }) => e.node.id === mine[0]).node.readAt).toEqual(expect.any(String));
    const unread = await list(northLead, { unread: true });
    expect(unread.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([mine[1]]);
    // The other user's notification is untouched.
    expect((await list(hubLead)).unreadCount).toBe(2);
    // Pages: one at a time, the cursor continues where the page ended.
    const first = await list(northLead, { first: 1 });
    const second = await list(northLead, { first: 1, after: first.pageInfo.endCursor });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([first.edges[0].node.id, second.edges[0].node.id].sort()).toEqual([...mine].sort());
    expect(codeOf(await stack.gql(LIST, { after: first.pageInfo.endCursor, unread: true }, northLead))).toBe('BAD_USER_INPUT');
  });

  it('mutes a kind for the user who asks, and for nobody else', async () => {
    expect((await stack.ok(MUTE, { kind: 'status_report.submitted', muted: true }, northLead)).setNotificationMuted).toEqual({
      mutedKinds: ['status_report.submitted'],
    });
    expect(codeOf(await stack.gql(MUTE, { kind: 'no.such_kind', muted: true }, northLead))).toBe('BAD_USER_INPUT');
    const before = { north: (await list(northLead)).edges.length, hub: (await list(hubLead)).edges.length };
    await submit();
    await stack.waitForIdle();
    await until(async () => (await list(hubLead)).edges.length === before.hub + 1);
    expect((await list(northLead)).edges).toHaveLength(before.north);
    expect((await stack.ok(`{ notificationPreferences { mutedKinds } }`, {}, northLead)).notificationPreferences.mutedKinds).toEqual([
      'status_report.submitted',
    ]);

    await stack.ok(MUTE, { kind: 'status_report.submitted', muted: false }, northLead);
    await submit();
    await stack.waitForIdle();
    await until(async () => (await list(northLead)).edges.length === before.north + 1);
  });

  it('notifies nobody twice when an event’s fan-out runs again', async () => {
    const [event] = await stored(`SELECT event_id, tenant_id, org_id, count(*)::int AS n FROM notifications GROUP BY 1, 2, 3 ORDER BY min(created_at) LIMIT 1`);
    expect(event.n).toBeGreaterThan(1);
    const total = (await stored('SELECT count(*)::int AS n FROM notifications'))[0].n;
    // One recipient's notification gone: the run makes it again (so it did run), and only it.
    const [dropped] = await stored('DELETE FROM notifications WHERE id = (SELECT id FROM notifications WHERE event_id = $1 LIMIT 1) RETURNING user_id', [
      event.event_id,
    ]);
    const report = (await stored(`SELECT id, period FROM status_reports WHERE project_id = $1 AND period = '2025-01'`, [project]))[0];
    await stack.withQueue('events', (queue) =>
      queue.add('notifications.fan-out', {
        outboxId: randomUUID(),
        tenantId: event.tenant_id,
        orgId: event.org_id,
        eventId: event.event_id,
        jobName: 'status_report.submitted',
        data: { reportId: report.id, projectId: project, period: report.period },
        occurredAt: new Date().toISOString(),
      }),
    );
    await stack.waitForIdle();
    await until(async () => (await stored('SELECT 1 FROM notifications WHERE event_id = $1 AND user_id = $2', [event.event_id, dropped.user_id])).length === 1);
    expect((await stored('SELECT count(*)::int AS n FROM notifications'))[0].n).toBe(total);
  });

  it('refuses a caller without a session', async () => {
    expect(codeOf(await stack.gql(LIST))).toBe('UNAUTHENTICATED');
  });
});
