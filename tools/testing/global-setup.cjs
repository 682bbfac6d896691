// Migrates a template database once per test run; every test file clones it
// (CREATE DATABASE ... TEMPLATE), so files start clean and run in parallel. Each run has
// its own template, so concurrent runs on one machine never touch each other's
// databases; leftovers of crashed runs are dropped once they are an hour old.
// In the embedded setup (PMO_TEST_SETUP=embedded) the run first starts an embedded
// PostgreSQL of its own, in a temporary directory, which the teardown stops.
// `npm test` builds first: migrations run from dist/ exactly as in production.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { setup, ownerUrl, appUrl, workerUrl, testDatabaseName, isStale } = require('./urls.cjs');

const DIST = join(__dirname, '..', '..', 'dist');

async function startEmbedded() {
  const { EmbeddedPostgres } = require(join(DIST, 'libs', 'server', 'core', 'src', 'database', 'embedded-postgres.js'));
  const { freePort } = require(join(DIST, 'tools', 'testing', 'free-port.js'));
  const home = mkdtempSync(join(tmpdir(), 'pmo-test-pg-'));
  // Every test file runs an api and one or two workers, each with its pools, two files at a time.
  const server = await EmbeddedPostgres.start({ home, port: await freePort(), maxConnections: 400 });
  // The teardown runs in this process: it stops the server and removes its directory.
  globalThis.__PMO_EMBEDDED_PG__ = { server, home };
  const url = new URL(server.urls.owner);
  url.pathname = '/postgres';
  process.env.TEST_DATABASE_URL = url.toString();
}

module.exports = async () => {
  if (setup === 'embedded') await startEmbedded();
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
  execFileSync(process.execPath, [join(DIST, 'tools', 'migrate.js')], {
    env: { ...process.env, DATABASE_URL: ownerUrl(template), DATABASE_APP_URL: appUrl(template), DATABASE_WORKER_URL: workerUrl(template), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
};
