// Finding a standard's owner and locking the standard for a change, for every table of
// standards: a caller sees the owner of every standard they can read, but locks only the
// standards inside their own subtrees (FOR UPDATE is held to the update policy too).
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { DocumentTemplateEntity } from './document-template/document-template.entity';
import { DocumentKind } from './document-template/document-template.model';
import { GlossaryTermEntity } from './glossary/glossary-term.entity';
import { KpiDefinitionEntity } from './kpi/kpi-definition.entity';
import { MethodologyEntity } from './methodology/methodology.entity';
import { DEFAULT_CADENCE } from './methodology/methodology.rules';
import { Owned, OwnedTable, StandardOwnersRepository } from './standard-owners.repository';

/** A visible, published row of each table (glossary terms are in force as soon as written). */
const TABLES: Array<[string, OwnedTable<Owned>, (label: string) => object]> = [
  ['kpi_definitions', KpiDefinitionEntity, (label) => ({ key: label, name: label, aggregation: 'SUM', direction: 'HIGHER_IS_BETTER', status: 'PUBLISHED' })],
  ['methodologies', MethodologyEntity, (label) => ({ name: label, definition: { phases: [], milestones: [], cadence: DEFAULT_CADENCE }, status: 'PUBLISHED' })],
  ['document_templates', DocumentTemplateEntity, (label) => ({ title: label, kind: DocumentKind.PLAN, body: '', status: 'PUBLISHED' })],
  ['glossary_terms', GlossaryTermEntity, (label) => ({ term: label, definition: label })],
];

describe('StandardOwnersRepository', () => {
  const owners = new StandardOwnersRepository();
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

  it('reads a tenant the caller can see, with its organization and path', async () => {
    expect(await db.as(admin, (em) => owners.tenant(em, north.id))).toEqual({ id: north.id, orgId: hub.orgId, path: north.path });
    // An ancestor is seen, by identity.
    expect(await db.as(northLead, (em) => owners.tenant(em, hub.id))).toEqual({ id: hub.id, orgId: hub.orgId, path: hub.path });
    expect(await db.as(northLead, (em) => owners.tenant(em, south.id))).toBeNull();
    expect(await db.as(stranger, (em) => owners.tenant(em, hub.id))).toBeNull();
  });

  describe.each(TABLES)('on %s', (_name, table, fields) => {
    /** A row of `owner`'s, written as the database owner. */
    const seed = async (owner: SeededTenant) => {
      const id = randomUUID();
      await db.owner.getRepository(table).insert({ ...fields(`k_${++labels}`), id, tenantId: owner.id, orgId: owner.orgId } as Owned);
      return id;
    };

    it('finds the owner of every standard the caller can read, and of nothing else', async () => {
      const hubs = await seed(hub);
      const norths = await seed(north);
      expect(await db.as(northLead, (em) => owners.ownerOf(em, table, hubs))).toEqual({ id: hub.id, path: hub.path });
      expect(await db.as(admin, (em) => owners.ownerOf(em, table, norths))).toEqual({ id: north.id, path: north.path });
      expect(await db.as(southLead, (em) => owners.ownerOf(em, table, norths))).toBeNull();
      expect(await db.as(stranger, (em) => owners.ownerOf(em, table, hubs))).toBeNull();
      expect(await db.as(admin, (em) => owners.ownerOf(em, table, randomUUID()))).toBeNull();
    });

    it('locks only standards inside the caller’s subtrees', async () => {
      const hubs = await seed(hub);
      const norths = await seed(north);
      expect(await db.as(admin, (em) => owners.lock(em, table, hubs))).toMatchObject({ id: hubs, tenantId: hub.id });
      expect(await db.as(northLead, (em) => owners.lock(em, table, norths))).toMatchObject({ id: norths, tenantId: north.id });
      // Readable below its owner, yet not the spoke's to change.
      expect(await db.as(northLead, (em) => owners.lock(em, table, hubs))).toBeNull();
      expect(await db.as(stranger, (em) => owners.lock(em, table, norths))).toBeNull();
      expect(await db.owner.getRepository(table).countBy({ id: hubs })).toBe(1);
    });

    it('holds the row until the transaction ends', async () => {
      const id = await seed(hub);
      await db.as(admin, async (em) => {
        await owners.lock(em, table, id);
        const tableName = db.owner.getRepository(table).metadata.tableName;
        await expect(db.owner.query(`SELECT id FROM ${tableName} WHERE id = $1 FOR UPDATE NOWAIT`, [id])).rejects.toMatchObject({ code: '55P03' });
      });
    });
  });
});
