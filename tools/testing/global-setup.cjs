// Migrates a template database once per test run; every test file clones it
// (CREATE DATABASE ... TEMPLATE), so files start clean and run in parallel. Each run has
// its own template, so concurrent runs on one machine never touch each other's
// databases; leftovers of crashed runs are dropped once they are an hour old.
// `npm test` builds first: migrations run from dist/ exactly as in production.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { Client } = require('pg');
const { ownerUrl, testDatabaseName, isStale } = require('./urls.cjs');

module.exports = async () => {
  const template = testDatabaseName('tpl');
  process.env.PMO_TEST_TEMPLATE = template;
  const admin = new Client({ connectionString: ownerUrl('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'pmo\\_t\\_%'");
    for (const { datname } of rows) {
      if (isStale(datname)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'tools', 'migrate.js')], {
    env: { ...process.env, DATABASE_URL: ownerUrl(template), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
};
