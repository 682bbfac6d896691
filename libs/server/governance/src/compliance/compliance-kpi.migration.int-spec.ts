// The built-in compliance KPI: created with every hub (a trigger on tenants), and by the
// migration for the organizations that existed before it, where an organization's own KPI
// keyed "compliance" keeps its values under "compliance_custom".
import { RepositoryTestDb } from '@pmo/testing';
import { ComplianceKpi1764710100000 } from '../migrations/1764710100000-compliance-kpi';
import { GovernanceFixtures } from '../testing/governance-fixtures';

describe('the built-in compliance KPI', () => {
  let db: RepositoryTestDb;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
  });
  afterAll(() => db?.close());

  const kpis = (orgId: string) =>
    db.owner.query(`SELECT key, aggregation, direction, status, built_in AS "builtIn", mandatory FROM kpi_definitions WHERE org_id = $1 ORDER BY key`, [orgId]);
  const BUILT_IN = { key: 'compliance', aggregation: 'AVG', direction: 'HIGHER_IS_BETTER', status: 'PUBLISHED', builtIn: true, mandatory: false };

  it('comes with every new hub, published with its first version, and never with a spoke', async () => {
    const hub = await db.hub();
    await db.spoke(hub, 'East');
    expect(await kpis(hub.orgId)).toEqual([BUILT_IN]);
    const versions = await db.owner.query(
      `SELECT v.version, v.snapshot->>'key' AS key, v.snapshot->>'aggregation' AS aggregation
         FROM kpi_definition_versions v JOIN kpi_definitions d ON d.id = v.kpi_id WHERE d.org_id = $1`,
      [hub.orgId],
    );
    expect(versions).toEqual([{ version: 1, key: 'compliance', aggregation: 'AVG' }]);
  });

  it('is created by the migration for existing organizations, an own "compliance" KPI keeping its values as "compliance_custom"', async () => {
    const migration = new ComplianceKpi1764710100000();
    const runner = db.owner.createQueryRunner();
    try {
      // The database as it stood before the migration: no trigger, organizations without the KPI.
      await migration.down(runner);
      const seed = new GovernanceFixtures(db);
      const older = await db.hub('Older');
      const plain = await db.hub('Plain');
      expect(await kpis(older.orgId)).toEqual([]);
      const own = await seed.kpi(older, 'compliance');
      const project = await seed.project(older, { code: 'P1' });
      await seed.value(project, own, '2026-01', 42);

      await migration.up(runner);
      expect(await kpis(older.orgId)).toEqual([BUILT_IN, expect.objectContaining({ key: 'compliance_custom', builtIn: false })]);
      expect(await kpis(plain.orgId)).toEqual([BUILT_IN]);
      const [value] = await db.owner.query(
        `SELECT d.key, v.value::float8 AS value FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id WHERE v.project_id = $1`,
        [project.id],
      );
      expect(value).toEqual({ key: 'compliance_custom', value: 42 });
      // The trigger is back: a hub created now has the KPI at once.
      expect(await kpis((await db.hub('Newer')).orgId)).toEqual([BUILT_IN]);
    } finally {
      await runner.release();
    }
  });
});
