// The lifecycle's statements for each standard that plugs in, and the RLS policies of
// their tables: a draft stays inside its owner's subtrees, a published or retired standard
// is read below its owner too, never by a sibling spoke or another organization, and the
// app role writes only inside the caller's subtrees (checked against the owner, who sees
// every row, so an empty answer is the policy and not an absent row).
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { KpiAggregation, KpiDirection, Role, StandardStatus } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { DocumentKind } from '../document-template/document-template.model';
import { DOCUMENT_TEMPLATES } from '../document-template/document-template.standard';
import { KPI_DEFINITIONS } from '../kpi/kpi-definition.standard';
import { DEFAULT_CADENCE } from '../methodology/methodology.rules';
import { METHODOLOGIES } from '../methodology/methodology.standard';
import { LifecycleRepository } from './lifecycle.repository';
import { StandardTable, VersionTable } from './standard';
import { StandardEntity } from './standard.entity';

const { DRAFT, PUBLISHED, RETIRED } = StandardStatus;

interface Case {
  standard: StandardTable<StandardEntity> & { noun: string; versions?: VersionTable<object> & { of(standard: StandardEntity): object } };
  /** A standard's own fields, named `label` where it has a name. */
  fields(label: string): object;
  /** What an edit writes. */
  edit: object;
  /** The row's label, as `fields` wrote it. */
  label(row: StandardEntity): string;
}

const CASES = [
  {
    standard: KPI_DEFINITIONS,
    fields: (label: string) => ({
      key: label,
      name: label,
      description: null,
      unit: null,
      aggregation: KpiAggregation.AVG,
      direction: KpiDirection.HIGHER_IS_BETTER,
      greenThreshold: 1,
      amberThreshold: 0.9,
      mandatory: false,
    }),
    edit: { name: 'Renamed', unit: '%', greenThreshold: 0.5, amberThreshold: 0.25 },
    label: (row: StandardEntity) => (row as unknown as { key: string }).key,
  },
  {
    standard: METHODOLOGIES,
    fields: (label: string) => ({
      name: label,
      description: null,
      definition: {
        phases: [{ name: 'Plan', gate: { name: 'Baseline', deliverables: ['Plan'], approverRole: Role.PMO_LEAD } }],
        milestones: [],
        cadence: DEFAULT_CADENCE,
      },
    }),
    edit: { name: 'Renamed', definition: { phases: [], milestones: [], cadence: { ...DEFAULT_CADENCE, dueDay: 9 } } },
    label: (row: StandardEntity) => (row as unknown as { name: string }).name,
  },
  {
    standard: DOCUMENT_TEMPLATES,
    fields: (label: string) => ({ title: label, kind: DocumentKind.CHARTER, body: '## Scope' }),
    edit: { title: 'Renamed', kind: DocumentKind.PLAN, body: '## Budget' },
    label: (row: StandardEntity) => (row as unknown as { title: string }).title,
  },
] as unknown as Case[];

describe('LifecycleRepository', () => {
  const standards = new LifecycleRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;
  let labels = 0;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  describe.each(CASES)('for $standard.noun', ({ standard, fields, edit, label }) => {
    const table = () => db.owner.getRepository(standard.entity);
    const fresh = (prefix: string) => `${prefix}_${String(++labels).padStart(4, '0')}`;
    /** A standard of `owner`'s, written by `user`, in `status`. */
    const seed = async (user: SeededUser, owner: SeededTenant, status: StandardStatus, name = fresh('s')) =>
      db.as(user, async (em) => {
        const created = await standards.insert(em, standard, { ...fields(name), id: randomUUID(), orgId: owner.orgId, tenantId: owner.id });
        return status === DRAFT ? created : standards.update(em, standard, created, { status });
      });
    const find = (user: SeededUser, id: string) => db.as(user, (em) => standards.find(em, standard, id));

    it('inserts a draft with the database’s defaults, finds it, and updates it', async () => {
      const name = fresh('new');
      const created = await db.as(admin, (em) => standards.insert(em, standard, { ...fields(name), id: randomUUID(), orgId: hub.orgId, tenantId: hub.id }));
      expect(created).toMatchObject({ ...fields(name), tenantId: hub.id, status: DRAFT, version: 1, updatedAt: expect.any(Date), createdAt: expect.any(Date) });
      expect(await find(admin, created.id)).toEqual({ ...created });

      const updated = await db.as(admin, (em) => standards.update(em, standard, created, { ...edit, version: 2 }));
      expect(updated).toMatchObject({ ...edit, version: 2, status: DRAFT });
      expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
      expect(await table().findOneByOrFail({ id: created.id })).toEqual(updated);
    });

    it('lists what is in force at a tenant: its own in any status, its ancestors’ published ones, the root’s first', async () => {
      const hubDraft = await seed(admin, hub, DRAFT);
      const hubPublished = await seed(admin, hub, PUBLISHED);
      const hubRetired = await seed(admin, hub, RETIRED);
      const second = await seed(northLead, north, DRAFT, fresh('b'));
      const first = await seed(northLead, north, RETIRED, fresh('a'));
      const sibling = await seed(southLead, south, PUBLISHED);
      const ids = new Set([hubDraft, hubPublished, hubRetired, second, first, sibling].map((row) => row.id));
      const inForce = async (user: SeededUser, tenant: SeededTenant) =>
        (await db.as(user, (em: EntityManager) => standards.inForce(em, standard, tenant))).filter((row) => ids.has(row.id)).map(label);

      const atNorth = [label(hubPublished), label(first), label(second)];
      expect(await inForce(northLead, north)).toEqual(atNorth);
      // The hub's admin sees the hub's draft, which is still not in force at the spoke.
      expect(await inForce(admin, north)).toEqual(atNorth);
      expect(await inForce(admin, hub)).toEqual([hubDraft, hubPublished, hubRetired].map(label).sort());
      expect(await inForce(southLead, south)).toEqual([label(hubPublished), label(sibling)]);
    });

    it('keeps drafts inside the owner’s subtrees and shows published and retired standards below it, never to siblings or other organizations', async () => {
      const draft = await seed(admin, hub, DRAFT);
      const published = await seed(admin, hub, PUBLISHED);
      const retired = await seed(admin, hub, RETIRED);
      const spokeDraft = await seed(northLead, north, DRAFT);
      const spokePublished = await seed(northLead, north, PUBLISHED);

      expect(await find(northLead, draft.id)).toBeNull();
      expect(await find(northLead, published.id)).toMatchObject({ status: PUBLISHED });
      expect(await find(northLead, retired.id)).toMatchObject({ status: RETIRED });
      expect(await find(admin, spokeDraft.id)).toMatchObject({ status: DRAFT });
      for (const row of [spokeDraft, spokePublished]) expect(await find(southLead, row.id)).toBeNull();
      for (const row of [draft, published, retired, spokePublished]) expect(await find(stranger, row.id)).toBeNull();
      // The rows are there: only the policy keeps them from the callers above.
      expect(await table().countBy({ id: draft.id })).toBe(1);
      expect(await table().countBy({ id: spokePublished.id })).toBe(1);
    });

    it('writes only inside the caller’s subtrees, and never deletes', async () => {
      const published = await seed(admin, hub, PUBLISHED);
      const row = (tenant: SeededTenant) => ({ ...fields(fresh('w')), id: randomUUID(), orgId: tenant.orgId, tenantId: tenant.id });
      await expect(db.as(northLead, (em) => standards.insert(em, standard, row(hub)))).rejects.toMatchObject({ code: '42501' });
      await expect(db.as(stranger, (em) => standards.insert(em, standard, row(north)))).rejects.toMatchObject({ code: '42501' });

      // An ancestor's row is outside the update policy: the statement changes nothing.
      await db.as(northLead, (em) => standards.update(em, standard, published, { ...edit, status: RETIRED }));
      expect(await table().findOneByOrFail({ id: published.id })).toMatchObject({ status: PUBLISHED, version: 1, updatedAt: published.updatedAt });

      await expect(db.as(admin, (em) => em.delete(standard.entity, { id: published.id }))).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe.each(CASES.filter((c) => c.standard.versions))('versions of $standard.noun', ({ standard, fields }) => {
    const versions = () => standard.versions as NonNullable<Case['standard']['versions']>;
    const keep = (user: SeededUser, owner: SeededTenant, version: number) =>
      db.as(user, async (em) => {
        const row = { ...fields(`v_${String(++labels).padStart(4, '0')}`), id: randomUUID(), orgId: owner.orgId, tenantId: owner.id };
        const created = await standards.insert(em, standard, row);
        const published = await standards.update(em, standard, created, { status: PUBLISHED, version });
        for (let v = 1; v <= version; v++) await standards.insertVersion(em, versions(), versions().of({ ...published, version: v }));
        return published;
      });
    const list = (user: SeededUser, ids: string[]) =>
      db.as(user, async (em) =>
        (await standards.versions(em, versions(), ids)).map((row) => [
          (row as Record<string, unknown>)[versions().standardId],
          (row as { version: number }).version,
        ]),
      );

    it('keeps published versions and lists them newest first, for several standards at once', async () => {
      const one = await keep(admin, hub, 2);
      const two = await keep(admin, hub, 1);
      expect(await list(admin, [one.id, two.id])).toEqual([
        [one.id, 2],
        [one.id, 1],
        [two.id, 1],
      ]);
    });

    it('shows versions below their owner, never to siblings or other organizations, and never changes them', async () => {
      const hubs = await keep(admin, hub, 1);
      const norths = await keep(northLead, north, 1);
      expect(await list(southLead, [hubs.id, norths.id])).toEqual([[hubs.id, 1]]);
      expect(await list(stranger, [hubs.id, norths.id])).toEqual([]);
      expect(await db.owner.getRepository(versions().entity).countBy({ [versions().standardId]: norths.id })).toBe(1);

      await expect(db.as(northLead, (em) => standards.insertVersion(em, versions(), versions().of({ ...hubs, version: 2 })))).rejects.toMatchObject({
        code: '42501',
      });
      const table = db.owner.getRepository(versions().entity).metadata.tableName;
      await expect(db.as(admin, (em) => em.query(`UPDATE ${table} SET version = version + 1`))).rejects.toMatchObject({ code: '42501' });
      await expect(db.as(admin, (em) => em.query(`DELETE FROM ${table}`))).rejects.toMatchObject({ code: '42501' });
    });
  });
});
