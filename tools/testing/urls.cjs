// Where tests find PostgreSQL and Redis (the local services unless TEST_DATABASE_URL /
// REDIS_URL say otherwise), and how test databases are named: pmo_t_<kind>_<unix
// seconds>_<random>, so a leftover's age can be read from its name.
const { randomBytes } = require('node:crypto');

const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const STALE_SECONDS = 3600;

function ownerUrl(database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

// A password of its own, as production mode demands (the local server trusts 127.0.0.1).
function roleUrl(database, role) {
  const url = new URL(ownerUrl(database));
  url.username = role;
  url.password = 'local-test-password';
  return url.toString();
}

const appUrl = (database) => roleUrl(database, 'pmo_app');
const workerUrl = (database) => roleUrl(database, 'pmo_worker');

function testDatabaseName(kind) {
  return `pmo_t_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

function isStale(name) {
  const created = Number(name.split('_')[3]);
  return !Number.isFinite(created) || Date.now() / 1000 - created > STALE_SECONDS;
}

module.exports = {
  templateDb: () => process.env.PMO_TEST_TEMPLATE,
  ownerUrl,
  appUrl,
  workerUrl,
  testDatabaseName,
  isStale,
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};
