// A KPI's rollup changing colour at a tenant, end to end: a value that turns a spoke's
// figure from GREEN to RED notifies that spoke's PMO_LEAD and EXECUTIVE (kind
// kpi_rollup.rag_changed, about the KPI), and neither a VIEWER nor another spoke's lead.
import { Stack } from '@pmo/testing';

const LIST = `{ notifications(first: 50) { edges { node { kind title entity entityId } } } }`;
const RECORD = `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { value } }`;

interface Note {
  kind: string;
  title: string;
  entity: string | null;
  entityId: string | null;
}

describe('kpi rollup RAG notifications', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  }, 120000);
  afterAll(() => stack?.stop());

  const list = async (token: string): Promise<Note[]> => (await stack.ok(LIST, {}, token)).notifications.edges.map((e: { node: Note }) => e.node);
  const until = async (check: () => Promise<boolean>, ms = 20000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting\n${stack.logs().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('tells the spoke’s PMO_LEAD and EXECUTIVE when its figure turns from GREEN to RED, and nobody else', async () => {
    const acme = await stack.signUp('Acme PMO');
    const north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    const south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    const northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    const northExecutive = await stack.member(acme.token, north, 'EXECUTIVE');
    const northViewer = await stack.member(acme.token, north, 'VIEWER');
    const southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    const kpi = (
      await stack.ok(
        `mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { id } }`,
        {
          input: {
            tenantId: acme.hubId,
            key: 'on_time',
            name: 'On time',
            aggregation: 'AVG',
            direction: 'HIGHER_IS_BETTER',
            greenThreshold: 80,
            amberThreshold: 50,
          },
        },
        acme.token,
      )
    ).createKpiDefinition.id as string;
    await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { status } }`, { id: kpi }, acme.token);
    const project = (
      await stack.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { tenantId: north, code: 'ALPHA', name: 'Alpha' } },
        acme.token,
      )
    ).createProject.id as string;
    const record = (value: number) => stack.ok(RECORD, { input: { projectId: project, kpiKey: 'on_time', period: '2026-03', value } }, acme.token);
    const turned = (to: string) => (note: Note) =>
      note.kind === 'kpi_rollup.rag_changed' && note.entity === 'kpi' && note.entityId === kpi && note.title === `A KPI turned ${to} in 2026-03`;

    await record(95); // the first figure: GREEN
    await stack.waitForIdle();
    await until(async () => (await list(northLead)).some(turned('green')));
    await record(10); // GREEN to RED
    await stack.waitForIdle();
    for (const token of [northLead, northExecutive]) await until(async () => (await list(token)).some(turned('red')));
    await stack.waitForIdle();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await list(northLead)).filter((note) => note.kind === 'kpi_rollup.rag_changed')).toHaveLength(2);
    expect(await list(northViewer)).toEqual([]);
    expect(await list(southLead)).toEqual([]);
    // One event per change of colour at north: its first figure, then GREEN to RED.
    const { rows } = await stack.db.query(
      `SELECT count(DISTINCT event_id)::int AS events FROM notifications WHERE kind = 'kpi_rollup.rag_changed' AND tenant_id = $1 AND entity_id = $2`,
      [north, kpi],
    );
    expect(rows).toEqual([{ events: 2 }]);
  });
});
