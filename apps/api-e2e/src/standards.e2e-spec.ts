// Standards over GraphQL: a hub publishes, its spokes follow and add their own, siblings
// and other organizations see nothing, and every refusal writes nothing.
import { GqlResult, Stack } from '@pmo/testing';

const KPI = `id key name description unit aggregation direction greenThreshold amberThreshold mandatory status version
  owner { id kind depth }`;
const METHODOLOGY = `id name description status version owner { id }
  phases { name gate { name deliverables approverRole } } milestones { name phase offsetDays } cadence { frequency dueDay }`;
const TEMPLATE = 'id title kind body sections status version owner { id }';
const TERM = 'id term definition owner { id }';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

describe('standards', () => {
  let stack: Stack;
  let hub: { token: string; hubId: string };
  let other: { token: string; hubId: string };
  let north: string;
  let south: string;
  let northLead: string;
  let northViewer: string;
  let southLead: string;

  const createKpi = (token: string, input: Record<string, unknown>) =>
    stack.gql(`mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { ${KPI} } }`, { input }, token);
  const updateKpi = (token: string, input: Record<string, unknown>) =>
    stack.gql(`mutation($input: UpdateKpiDefinitionInput!) { updateKpiDefinition(input: $input) { ${KPI} } }`, { input }, token);
  const publishKpi = (token: string, id: string) => stack.gql(`mutation($id: ID!) { publishKpiDefinition(id: $id) { ${KPI} } }`, { id }, token);
  const retireKpi = (token: string, id: string) => stack.gql(`mutation($id: ID!) { retireKpiDefinition(id: $id) { ${KPI} } }`, { id }, token);
  const kpi = async (token: string, id: string) =>
    (await stack.ok(`query($id: ID!) { kpiDefinition(id: $id) { ${KPI} versions { version name greenThreshold } } }`, { id }, token)).kpiDefinition;
  // Every organization's built-in compliance KPI is in force everywhere: left out of these lists.
  const kpiKeys = async (token: string, tenantId: string): Promise<string[]> =>
    (await stack.ok(`query($t: ID!) { kpiDefinitions(tenantId: $t) { key } }`, { t: tenantId }, token)).kpiDefinitions
      .map((k: { key: string }) => k.key)
      .filter((key: string) => key !== 'compliance');
  const newKpi = async (token: string, tenantId: string, key: string, extra: Record<string, unknown> = {}) =>
    (
      await stack.ok(
        `mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { ${KPI} } }`,
        { input: { tenantId, key, name: key.toUpperCase(), aggregation: 'AVG', direction: 'HIGHER_IS_BETTER', ...extra } },
        token,
      )
    ).createKpiDefinition;
  const rows = async (sql: string, params: unknown[] = []) => (await stack.db.query(sql, params)).rows;
  const count = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const writes = async () => ({
    kpis: await count('kpi_definitions'),
    kpiVersions: await count('kpi_definition_versions'),
    methodologies: await count('methodologies'),
    methodologyVersions: await count('methodology_versions'),
    templates: await count('document_templates'),
    terms: await count('glossary_terms'),
    audit: await count('audit_log'),
  });

  beforeAll(async () => {
    // These tests drive no jobs.
    stack = await Stack.start({ noWorker: true });
    hub = await stack.signUp('Acme PMO');
    other = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(hub.token, hub.hubId, 'North');
    south = await stack.createSpoke(hub.token, hub.hubId, 'South');
    northLead = await stack.member(hub.token, north, 'PMO_LEAD');
    northViewer = await stack.member(hub.token, north, 'VIEWER');
    southLead = await stack.member(hub.token, south, 'PMO_LEAD');
  });

  afterAll(() => stack?.stop());

  it('publishes a hub KPI that its spokes then see, owned by the hub', async () => {
    const input = {
      tenantId: hub.hubId,
      key: 'cpi',
      name: ' Cost performance index ',
      unit: 'ratio',
      aggregation: 'WEIGHTED_AVG',
      direction: 'HIGHER_IS_BETTER',
      greenThreshold: 1,
      amberThreshold: 0.9,
      mandatory: true,
    };
    const created = (await createKpi(hub.token, input)).data.createKpiDefinition;
    expect(created).toMatchObject({
      key: 'cpi',
      name: 'Cost performance index',
      status: 'DRAFT',
      version: 1,
      mandatory: true,
      owner: { id: hub.hubId, kind: 'HUB', depth: 0 },
    });

    // A draft stays with its owner.
    expect(await kpi(northLead, created.id)).toBeNull();
    expect(await kpiKeys(northLead, north)).not.toContain('cpi');

    const published = (await publishKpi(hub.token, created.id)).data.publishKpiDefinition;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 1 });

    const seen = (await stack.ok(`query($t: ID!) { kpiDefinitions(tenantId: $t) { ${KPI} } }`, { t: north }, northLead)).kpiDefinitions.filter(
      (k: { key: string }) => k.key !== 'compliance',
    );
    expect(seen).toEqual([{ ...published, owner: { id: hub.hubId, kind: 'HUB', depth: 0 } }]);
    expect((await kpi(northLead, created.id)).versions).toEqual([{ version: 1, name: 'Cost performance index', greenThreshold: 1 }]);

    expect(await rows("SELECT version, snapshot->>'key' AS key FROM kpi_definition_versions WHERE kpi_id = $1", [created.id])).toEqual([
      { version: 1, key: 'cpi' },
    ]);
    expect(await rows('SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', ['kpi_definition', created.id])).toEqual([
      { action: 'create' },
      { action: 'publish' },
    ]);
  });

  it('lets a spoke add drafts the hub sees and a sibling spoke does not', async () => {
    const draft = await newKpi(northLead, north, 'north_rework', { direction: 'LOWER_IS_BETTER', greenThreshold: 2, amberThreshold: 5 });
    expect(draft).toMatchObject({ status: 'DRAFT', owner: { id: north, kind: 'SPOKE', depth: 1 } });

    // The hub's ORG_ADMIN sees its whole subtree, drafts included.
    expect(await kpiKeys(hub.token, north)).toEqual(['cpi', 'north_rework']);
    expect((await kpi(hub.token, draft.id)).status).toBe('DRAFT');
    // A spoke's standard is not in force at the hub.
    expect(await kpiKeys(hub.token, hub.hubId)).toEqual(['cpi']);

    // The sibling sees neither the draft nor, once published, the standard: it is no ancestor of theirs.
    expect(await kpi(southLead, draft.id)).toBeNull();
    expect(codeOf(await stack.gql(`query($t: ID!) { kpiDefinitions(tenantId: $t) { key } }`, { t: north }, southLead))).toBe('NOT_FOUND');
    expect(codeOf(await publishKpi(southLead, draft.id))).toBe('NOT_FOUND');
    await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { id } }`, { id: draft.id }, northLead);
    expect(await kpi(southLead, draft.id)).toBeNull();
    expect(await kpiKeys(southLead, south)).toEqual(['cpi']);
    // The row is there: only RLS and the service keep it from the sibling.
    expect(await rows('SELECT status FROM kpi_definitions WHERE id = $1', [draft.id])).toEqual([{ status: 'PUBLISHED' }]);
  });

  it("never lets a spoke change or hide its hub's standards", async () => {
    const [hubKpi] = await rows("SELECT id FROM kpi_definitions WHERE key = 'cpi' AND org_id = $1", [hub.hubId]);
    const hubDraft = await newKpi(hub.token, hub.hubId, 'hub_draft');
    const before = await writes();

    expect(codeOf(await updateKpi(northLead, { id: hubKpi.id, name: 'Mine now' }))).toBe('FORBIDDEN');
    expect(codeOf(await publishKpi(northLead, hubKpi.id))).toBe('FORBIDDEN');
    expect(codeOf(await retireKpi(northLead, hubKpi.id))).toBe('FORBIDDEN');
    // A draft of the hub's is invisible to the spoke: it does not exist for them.
    expect(codeOf(await publishKpi(northLead, hubDraft.id))).toBe('NOT_FOUND');
    expect(codeOf(await updateKpi(northLead, { id: hubDraft.id, name: 'x' }))).toBe('NOT_FOUND');
    // A viewer manages no standards, even in their own spoke.
    expect(codeOf(await createKpi(northViewer, { tenantId: north, key: 'viewer_kpi', name: 'V', aggregation: 'SUM', direction: 'HIGHER_IS_BETTER' }))).toBe(
      'FORBIDDEN',
    );
    // Nor may a spoke define standards at its hub.
    expect(codeOf(await createKpi(northLead, { tenantId: hub.hubId, key: 'at_hub', name: 'H', aggregation: 'SUM', direction: 'HIGHER_IS_BETTER' }))).toBe(
      'FORBIDDEN',
    );

    expect(await writes()).toEqual(before);
    expect(await rows('SELECT name, status, version FROM kpi_definitions WHERE id = $1', [hubKpi.id])).toEqual([
      { name: 'Cost performance index', status: 'PUBLISHED', version: 1 },
    ]);
  });

  it('shows another organization nothing, though the rows exist', async () => {
    const [hubKpi] = await rows("SELECT id, org_id FROM kpi_definitions WHERE key = 'cpi' AND org_id = $1", [hub.hubId]);
    // The owner connection bypasses RLS and sees the row...
    expect(hubKpi.org_id).toBe(hub.hubId);
    // ...which the other organization's query, filtered by RLS alone, does not.
    expect(await kpi(other.token, hubKpi.id)).toBeNull();
    expect(codeOf(await updateKpi(other.token, { id: hubKpi.id, name: 'Stolen' }))).toBe('NOT_FOUND');
    expect(codeOf(await publishKpi(other.token, hubKpi.id))).toBe('NOT_FOUND');
    expect(codeOf(await retireKpi(other.token, hubKpi.id))).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql(`query($t: ID!) { kpiDefinitions(tenantId: $t) { key } }`, { t: hub.hubId }, other.token))).toBe('NOT_FOUND');
    expect(codeOf(await createKpi(other.token, { tenantId: north, key: 'sneaky', name: 'S', aggregation: 'SUM', direction: 'HIGHER_IS_BETTER' }))).toBe(
      'NOT_FOUND',
    );

    // Keys are unique per organization: the other one may use the same key.
    const theirs = await newKpi(other.token, other.hubId, 'cpi');
    expect(theirs.owner.id).toBe(other.hubId);
    expect((await kpiKeys(hub.token, hub.hubId)).filter((key) => key === 'cpi')).toHaveLength(1);
    expect(await kpi(hub.token, theirs.id)).toBeNull();
  });

  it('edits a draft in place and gives a published KPI a new version per change', async () => {
    const spi = await newKpi(hub.token, hub.hubId, 'spi', { greenThreshold: 1, amberThreshold: 0.8 });
    const edited = (await updateKpi(hub.token, { id: spi.id, name: 'Schedule index', unit: ' ratio ' })).data.updateKpiDefinition;
    expect(edited).toMatchObject({ name: 'Schedule index', unit: 'ratio', status: 'DRAFT', version: 1 });
    expect(await count(`kpi_definition_versions WHERE kpi_id = '${spi.id}'`)).toBe(0);

    await publishKpi(hub.token, spi.id);
    const v2 = (await updateKpi(hub.token, { id: spi.id, name: 'Schedule performance index', greenThreshold: 0.95, unit: null })).data.updateKpiDefinition;
    expect(v2).toMatchObject({ name: 'Schedule performance index', unit: null, greenThreshold: 0.95, amberThreshold: 0.8, status: 'PUBLISHED', version: 2 });

    // Spokes read every version of an ancestor's published KPI.
    expect((await kpi(northLead, spi.id)).versions).toEqual([
      { version: 2, name: 'Schedule performance index', greenThreshold: 0.95 },
      { version: 1, name: 'Schedule index', greenThreshold: 1 },
    ]);

    // Aggregation and direction are not offered; thresholds must still fit the direction.
    expect(codeOf(await updateKpi(hub.token, { id: spi.id, aggregation: 'SUM' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await updateKpi(hub.token, { id: spi.id, direction: 'LOWER_IS_BETTER' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await updateKpi(hub.token, { id: spi.id, greenThreshold: 0.5 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await updateKpi(hub.token, { id: spi.id, amberThreshold: null }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await updateKpi(hub.token, { id: spi.id, name: '  ' }))).toBe('BAD_USER_INPUT');
    expect(await rows('SELECT version, green_threshold, aggregation FROM kpi_definitions WHERE id = $1', [spi.id])).toEqual([
      { version: 2, green_threshold: 0.95, aggregation: 'AVG' },
    ]);
    expect(await count(`kpi_definition_versions WHERE kpi_id = '${spi.id}'`)).toBe(2);
  });

  it('retires only published KPIs, which then leave the spokes’ standards in force', async () => {
    const draft = await newKpi(hub.token, hub.hubId, 'to_retire');
    expect(codeOf(await retireKpi(hub.token, draft.id))).toBe('BAD_USER_INPUT');
    await publishKpi(hub.token, draft.id);
    expect(await kpiKeys(northLead, north)).toContain('to_retire');

    expect((await retireKpi(hub.token, draft.id)).data.retireKpiDefinition).toMatchObject({ status: 'RETIRED', version: 1 });
    expect(await kpiKeys(northLead, north)).not.toContain('to_retire');
    expect(await kpiKeys(hub.token, hub.hubId)).toContain('to_retire');
    // Still readable where it was in force: reported values refer to it.
    expect((await kpi(northLead, draft.id)).status).toBe('RETIRED');

    expect(codeOf(await retireKpi(hub.token, draft.id))).toBe('BAD_USER_INPUT');
    expect(codeOf(await publishKpi(hub.token, draft.id))).toBe('BAD_USER_INPUT');
    expect(codeOf(await updateKpi(hub.token, { id: draft.id, name: 'Back' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses bad KPI input with a code and writes nothing', async () => {
    const before = await writes();
    const base = { tenantId: hub.hubId, name: 'Bad', aggregation: 'SUM', direction: 'HIGHER_IS_BETTER' };
    for (const key of ['Bad-Key', 'x', '9lives', `k${'x'.repeat(63)}`]) {
      expect(codeOf(await createKpi(hub.token, { ...base, key }))).toBe('BAD_USER_INPUT');
    }
    // Keys are unique within the organization: the hub's, a spoke's, across siblings.
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'cpi' }))).toBe('CONFLICT');
    expect(codeOf(await createKpi(northLead, { ...base, tenantId: north, key: 'cpi' }))).toBe('CONFLICT');
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'north_rework' }))).toBe('CONFLICT');
    expect(codeOf(await createKpi(southLead, { ...base, tenantId: south, key: 'north_rework' }))).toBe('CONFLICT');

    expect(codeOf(await createKpi(hub.token, { ...base, key: 'bad_order', greenThreshold: 0.8, amberThreshold: 0.9 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'bad_order_low', direction: 'LOWER_IS_BETTER', greenThreshold: 9, amberThreshold: 3 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'half', greenThreshold: 1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'no_name', name: ' ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'bad_tenant', tenantId: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createKpi(hub.token, { ...base, key: 'bad_aggregation', aggregation: 'MEDIAN' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await publishKpi(hub.token, 'not-a-uuid'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await publishKpi(hub.token, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');

    expect(await writes()).toEqual(before);
  });

  describe('methodologies', () => {
    const phases = [
      { name: 'Initiate', gate: { name: 'Charter approved', deliverables: ['Charter', 'Business case'], approverRole: 'EXECUTIVE' } },
      { name: 'Plan', gate: { name: 'Plan baselined', deliverables: ['Plan'], approverRole: 'PMO_LEAD' } },
      { name: 'Execute', gate: { name: 'Handover', approverRole: 'PMO_LEAD' } },
    ];
    const milestones = [
      { name: 'Kick-off', phase: 'Initiate', offsetDays: 0 },
      { name: 'Baseline', phase: 'Plan', offsetDays: 30 },
    ];
    const create = (token: string, input: Record<string, unknown>) =>
      stack.gql(`mutation($input: CreateMethodologyInput!) { createMethodology(input: $input) { ${METHODOLOGY} } }`, { input }, token);
    const update = (token: string, input: Record<string, unknown>) =>
      stack.gql(`mutation($input: UpdateMethodologyInput!) { updateMethodology(input: $input) { ${METHODOLOGY} } }`, { input }, token);
    const publish = (token: string, id: string) => stack.gql(`mutation($id: ID!) { publishMethodology(id: $id) { ${METHODOLOGY} } }`, { id }, token);
    const retire = (token: string, id: string) => stack.gql(`mutation($id: ID!) { retireMethodology(id: $id) { status } }`, { id }, token);
    const inForce = async (token: string, tenantId: string): Promise<string[]> =>
      (await stack.ok(`query($t: ID!) { methodologies(tenantId: $t) { name } }`, { t: tenantId }, token)).methodologies.map((m: { name: string }) => m.name);
    let id: string;

    it('refuses malformed structures and writes nothing', async () => {
      const before = await writes();
      const base = { tenantId: hub.hubId, name: 'Broken', phases, milestones };
      expect(codeOf(await create(hub.token, { ...base, phases: [] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { ...base, phases: [...phases, { ...phases[0], name: 'plan' }] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { ...base, milestones: [{ name: 'Go-live', phase: 'Close', offsetDays: 90 }] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { ...base, milestones: [{ name: 'Early', phase: 'Plan', offsetDays: -1 }] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { ...base, cadence: { dueDay: 29 } }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { ...base, cadence: { frequency: 'WEEKLY' } }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(northViewer, { ...base, tenantId: north }))).toBe('FORBIDDEN');
      expect(await writes()).toEqual(before);
    });

    it('publishes a hub methodology as a version its spokes follow', async () => {
      const created = (await create(hub.token, { tenantId: hub.hubId, name: 'Stage-gate', description: 'The house method', phases, milestones })).data
        .createMethodology;
      id = created.id;
      expect(created).toMatchObject({ status: 'DRAFT', version: 1, cadence: { frequency: 'MONTHLY', dueDay: 5 }, owner: { id: hub.hubId } });
      expect(created.phases[2].gate.deliverables).toEqual([]);
      expect(await count('methodology_versions')).toBe(0);
      expect((await stack.ok(`query($id: ID!) { methodology(id: $id) { id } }`, { id }, northLead)).methodology).toBeNull();

      await publish(hub.token, id);
      const [version] = await rows('SELECT version, tenant_id, org_id, name, snapshot FROM methodology_versions WHERE methodology_id = $1', [id]);
      expect(version).toEqual({
        version: 1,
        tenant_id: hub.hubId,
        org_id: hub.hubId,
        name: 'Stage-gate',
        snapshot: {
          phases: [
            {
              name: 'Initiate',
              gate: { name: 'Charter approved', deliverables: ['Charter', 'Business case'], approverRole: 'EXECUTIVE', quorum: 1, minApproverLevel: 0 },
            },
            { name: 'Plan', gate: { name: 'Plan baselined', deliverables: ['Plan'], approverRole: 'PMO_LEAD', quorum: 1, minApproverLevel: 0 } },
            { name: 'Execute', gate: { name: 'Handover', deliverables: [], approverRole: 'PMO_LEAD', quorum: 1, minApproverLevel: 0 } },
          ],
          milestones,
          cadence: { frequency: 'MONTHLY', dueDay: 5, graceDays: 5 },
        },
      });

      expect(await inForce(northLead, north)).toEqual(['Stage-gate']);
      const seen = (await stack.ok(`query($id: ID!) { methodology(id: $id) { ${METHODOLOGY} } }`, { id }, northLead)).methodology;
      expect(seen).toMatchObject({ status: 'PUBLISHED', owner: { id: hub.hubId }, milestones });
      expect(await inForce(other.token, other.hubId)).toEqual([]);
      expect((await stack.ok(`query($id: ID!) { methodology(id: $id) { id } }`, { id }, other.token)).methodology).toBeNull();
    });

    it('versions a published methodology on change, and only its owner may change it', async () => {
      const before = await writes();
      expect(codeOf(await update(northLead, { id, name: 'Ours' }))).toBe('FORBIDDEN');
      expect(codeOf(await retire(northLead, id))).toBe('FORBIDDEN');
      expect(codeOf(await update(other.token, { id, name: 'Ours' }))).toBe('NOT_FOUND');
      // Dropping a phase that a milestone names is refused as a whole.
      expect(codeOf(await update(hub.token, { id, phases: phases.slice(1) }))).toBe('BAD_USER_INPUT');
      expect(await writes()).toEqual(before);

      const v2 = (
        await update(hub.token, { id, phases: phases.slice(1), milestones: [{ name: 'Baseline', phase: 'Plan', offsetDays: 14 }], cadence: { dueDay: 10 } })
      ).data.updateMethodology;
      expect(v2).toMatchObject({ version: 2, status: 'PUBLISHED', name: 'Stage-gate', cadence: { frequency: 'MONTHLY', dueDay: 10 } });
      expect(v2.phases.map((p: { name: string }) => p.name)).toEqual(['Plan', 'Execute']);

      const versions = (
        await stack.ok(
          `query($id: ID!) { methodology(id: $id) { versions { version phases { name } milestones { offsetDays } cadence { dueDay } } } }`,
          { id },
          northLead,
        )
      ).methodology.versions;
      expect(versions).toEqual([
        { version: 2, phases: [{ name: 'Plan' }, { name: 'Execute' }], milestones: [{ offsetDays: 14 }], cadence: { dueDay: 10 } },
        {
          version: 1,
          phases: [{ name: 'Initiate' }, { name: 'Plan' }, { name: 'Execute' }],
          milestones: [{ offsetDays: 0 }, { offsetDays: 30 }],
          cadence: { dueDay: 5 },
        },
      ]);
      expect(await rows('SELECT version FROM methodology_versions WHERE methodology_id = $1 ORDER BY version', [id])).toEqual([{ version: 1 }, { version: 2 }]);
    });

    it("keeps a spoke's draft methodology from its sibling and retires only published ones", async () => {
      const local = (await create(northLead, { tenantId: north, name: 'North agile', phases: [phases[0]] })).data.createMethodology;
      expect(await inForce(hub.token, north)).toEqual(['Stage-gate', 'North agile']);
      expect(codeOf(await retire(northLead, local.id))).toBe('BAD_USER_INPUT');
      expect(codeOf(await publish(southLead, local.id))).toBe('NOT_FOUND');
      expect(await inForce(southLead, south)).toEqual(['Stage-gate']);

      expect((await retire(hub.token, id)).data.retireMethodology.status).toBe('RETIRED');
      expect(await inForce(northLead, north)).toEqual(['North agile']);
      expect(codeOf(await update(hub.token, { id, name: 'Revived' }))).toBe('BAD_USER_INPUT');
      expect(await rows('SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', ['methodology', id])).toEqual([
        { action: 'create' },
        { action: 'publish' },
        { action: 'update' },
        { action: 'retire' },
      ]);
    });
  });

  describe('document templates', () => {
    const body = '# Project charter\n\n## Purpose\nWhy we do it.\n\n## Scope\n\n```\n## not a section\n```\n### Out of scope\n';
    const create = (token: string, input: Record<string, unknown>) =>
      stack.gql(`mutation($input: CreateDocumentTemplateInput!) { createDocumentTemplate(input: $input) { ${TEMPLATE} } }`, { input }, token);
    const titles = async (token: string, tenantId: string): Promise<string[]> =>
      (await stack.ok(`query($t: ID!) { documentTemplates(tenantId: $t) { title } }`, { t: tenantId }, token)).documentTemplates.map(
        (t: { title: string }) => t.title,
      );

    it('derives sections from the Markdown and follows the standards lifecycle', async () => {
      const before = await writes();
      expect(codeOf(await create(hub.token, { tenantId: hub.hubId, title: 'Huge', kind: 'PLAN', body: 'x'.repeat(100 * 1024 + 1) }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { tenantId: hub.hubId, title: 'Odd', kind: 'MEMO', body }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(hub.token, { tenantId: hub.hubId, title: ' ', kind: 'PLAN', body }))).toBe('BAD_USER_INPUT');
      expect(await writes()).toEqual(before);

      const charter = (await create(hub.token, { tenantId: hub.hubId, title: 'Charter', kind: 'CHARTER', body })).data.createDocumentTemplate;
      expect(charter).toMatchObject({ kind: 'CHARTER', sections: ['Purpose', 'Scope'], status: 'DRAFT', version: 1, owner: { id: hub.hubId } });
      expect(await titles(northLead, north)).toEqual([]);

      await stack.ok(`mutation($id: ID!) { publishDocumentTemplate(id: $id) { id } }`, { id: charter.id }, hub.token);
      expect(await titles(northLead, north)).toEqual(['Charter']);
      expect(await titles(southLead, south)).toEqual(['Charter']);
      expect(await titles(other.token, other.hubId)).toEqual([]);
      expect((await stack.ok(`query($id: ID!) { documentTemplate(id: $id) { id } }`, { id: charter.id }, other.token)).documentTemplate).toBeNull();

      const update = (token: string, input: Record<string, unknown>) =>
        stack.gql(`mutation($input: UpdateDocumentTemplateInput!) { updateDocumentTemplate(input: $input) { ${TEMPLATE} } }`, { input }, token);
      expect(codeOf(await update(northLead, { id: charter.id, body: '## Ours' }))).toBe('FORBIDDEN');
      const revised = (await update(hub.token, { id: charter.id, body: `${body}\n## Risks\n` })).data.updateDocumentTemplate;
      expect(revised).toMatchObject({ sections: ['Purpose', 'Scope', 'Risks'], status: 'PUBLISHED', version: 2 });

      expect(codeOf(await stack.gql(`mutation($id: ID!) { retireDocumentTemplate(id: $id) { id } }`, { id: charter.id }, northLead))).toBe('FORBIDDEN');
      await stack.ok(`mutation($id: ID!) { retireDocumentTemplate(id: $id) { id } }`, { id: charter.id }, hub.token);
      expect(await titles(northLead, north)).toEqual([]);
      expect(await rows('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [charter.id])).toEqual([
        { action: 'create' },
        { action: 'publish' },
        { action: 'update' },
        { action: 'retire' },
      ]);
    });
  });

  describe('glossary', () => {
    const create = (token: string, tenantId: string, term: string, definition = `What ${term} means`) =>
      stack.gql(
        `mutation($input: CreateGlossaryTermInput!) { createGlossaryTerm(input: $input) { ${TERM} } }`,
        { input: { tenantId, term, definition } },
        token,
      );
    const glossary = async (token: string, tenantId: string) =>
      (await stack.ok(`query($t: ID!) { glossary(tenantId: $t) { term owner { id } } }`, { t: tenantId }, token)).glossary;

    it("shows a tenant its own and its ancestors' terms at once, changed only by their owner", async () => {
      const gate = (await create(hub.token, hub.hubId, 'Stage gate')).data.createGlossaryTerm;
      expect(gate.owner.id).toBe(hub.hubId);
      const before = await writes();
      expect(codeOf(await create(hub.token, hub.hubId, ' stage GATE '))).toBe('CONFLICT');
      expect(codeOf(await create(hub.token, hub.hubId, 'Empty', '   '))).toBe('BAD_USER_INPUT');
      expect(codeOf(await create(northViewer, north, 'Viewer term'))).toBe('FORBIDDEN');
      expect(
        codeOf(
          await stack.gql(
            `mutation($input: UpdateGlossaryTermInput!) { updateGlossaryTerm(input: $input) { id } }`,
            { input: { id: gate.id, definition: 'Ours' } },
            northLead,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(`mutation($id: ID!) { deleteGlossaryTerm(id: $id) { id } }`, { id: gate.id }, northLead))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(`mutation($id: ID!) { deleteGlossaryTerm(id: $id) { id } }`, { id: gate.id }, other.token))).toBe('NOT_FOUND');
      expect(await writes()).toEqual(before);

      // A spoke may word a term its own way; both show, its own first.
      const local = (await create(northLead, north, 'Stage gate', 'North’s reading')).data.createGlossaryTerm;
      await create(northLead, north, 'Burn rate');
      expect(await glossary(northLead, north)).toEqual([
        { term: 'Burn rate', owner: { id: north } },
        { term: 'Stage gate', owner: { id: north } },
        { term: 'Stage gate', owner: { id: hub.hubId } },
      ]);
      expect(await glossary(southLead, south)).toEqual([{ term: 'Stage gate', owner: { id: hub.hubId } }]);
      expect(await glossary(hub.token, hub.hubId)).toEqual([{ term: 'Stage gate', owner: { id: hub.hubId } }]);
      expect(codeOf(await stack.gql(`query($t: ID!) { glossary(tenantId: $t) { term } }`, { t: hub.hubId }, other.token))).toBe('NOT_FOUND');

      const renamed = await stack.ok(
        `mutation($input: UpdateGlossaryTermInput!) { updateGlossaryTerm(input: $input) { term definition } }`,
        { input: { id: gate.id, definition: 'A decision point between phases' } },
        hub.token,
      );
      expect(renamed.updateGlossaryTerm).toEqual({ term: 'Stage gate', definition: 'A decision point between phases' });
      await stack.ok(`mutation($id: ID!) { deleteGlossaryTerm(id: $id) { id } }`, { id: local.id }, northLead);
      expect((await glossary(northLead, north)).map((t: { term: string }) => t.term)).toEqual(['Burn rate', 'Stage gate']);
      expect(await rows('SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', ['glossary_term', local.id])).toEqual([
        { action: 'create' },
        { action: 'delete' },
      ]);
    });
  });
});
