// Entities and migrations can never drift: on a freshly migrated database, TypeORM finds
// nothing to change for the entities of every library. (RLS policies, triggers and
// functions are outside TypeORM's model and live in the migrations alone.)
import { Client } from 'pg';
import { loadEntities, ownerUrl, templateDb, testDatabaseName } from '@pmo/testing';
import { DataSource } from 'typeorm';

describe('entities against the migrations', () => {
  const database = testDatabaseName('schema');
  let dataSource: DataSource;

  beforeAll(async () => {
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`);
    await admin.end();
    dataSource = new DataSource({
      type: 'postgres',
      url: ownerUrl(database),
      entities: await loadEntities(),
      uuidExtension: 'pgcrypto',
      installExtensions: false,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('has an entity for every table', async () => {
    const { rows } = await dataSource.driver
      .createQueryRunner('master')
      .query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
      .then((rows: Array<{ name: string }>) => ({ rows }));
    const mapped = new Set(dataSource.entityMetadatas.map((entity) => entity.tableName));
    expect(rows.map((row) => row.name).filter((name) => !mapped.has(name) && name !== 'migrations')).toEqual([]);
  });

  it('finds no pending schema change', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });
});
