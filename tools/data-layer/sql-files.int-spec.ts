// The committed SQL files are what the repositories run: a query changed in code and not
// regenerated (`npm run sql:generate`) fails here, so every query change shows in review.
import { Client } from 'pg';
import { ownerUrl, templateDb, testDatabaseName } from '@pmo/testing';
import { committedSqlFiles, generateSqlFiles } from './generate-sql';

describe('SQL files', () => {
  const database = testDatabaseName('sqlfiles');

  beforeAll(async () => {
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDb()}"`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: ownerUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('match what every repository method runs', async () => {
    const generated = await generateSqlFiles(ownerUrl(database));
    const committed = await committedSqlFiles();
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [path, content] of generated) expect({ path, content: committed.get(path) }).toEqual({ path, content });
  }, 120_000);
});
