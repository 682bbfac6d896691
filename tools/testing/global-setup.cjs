// Migrates a template database once per test run; every test file clones it
// (CREATE DATABASE ... TEMPLATE), so files start clean and run in parallel.
// `npm test` builds first: migrations run from dist/ exactly as in production.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { Client } = require('pg');
const { TEMPLATE_DB, ownerUrl } = require('./urls.cjs');

module.exports = async () => {
  const admin = new Client({ connectionString: ownerUrl('postgres') });
  await admin.connect();
  try {
    const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'pmo_t\\_%' OR datname = $1", [TEMPLATE_DB]);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'tools', 'migrate.js')], {
    env: { ...process.env, DATABASE_URL: ownerUrl(TEMPLATE_DB), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
};
