// Where tests find PostgreSQL and Redis, and how test databases are named:
// pmo_t_<kind>_<unix seconds>_<random>, so a leftover's age can be read from its name.
// Two setups, chosen by PMO_TEST_SETUP:
//  - servers (default): the local PostgreSQL and Redis (TEST_DATABASE_URL / REDIS_URL say
//    otherwise); the api and worker run BullMQ on Redis;
//  - embedded: an embedded PostgreSQL the global setup starts for the run (it sets
//    TEST_DATABASE_URL), and no Redis: the queue and pub/sub run on PostgreSQL.
const { randomBytes } = require('node:crypto');

const STALE_SECONDS = 3600;
const setup = process.env.PMO_TEST_SETUP === 'embedded' ? 'embedded' : 'servers';

// Read when called: the embedded setup's global setup sets it after this file loads.
function ownerUrl(database) {
  const url = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

// A password of its own, as production mode demands (the local server trusts 127.0.0.1;
// the embedded one checks it, and the global setup creates the roles with it).
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
  setup,
  templateDb: () => process.env.PMO_TEST_TEMPLATE,
  ownerUrl,
  appUrl,
  workerUrl,
  testDatabaseName,
  isStale,
  /** Unset in the embedded setup: the api and worker then run without Redis. */
  redisUrl: setup === 'servers' ? process.env.REDIS_URL || 'redis://127.0.0.1:6379' : undefined,
};
