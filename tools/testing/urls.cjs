// Where tests find PostgreSQL and Redis: the local services unless TEST_DATABASE_URL /
// REDIS_URL say otherwise.
const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function ownerUrl(database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

function appUrl(database) {
  const url = new URL(ownerUrl(database));
  url.username = 'pmo_app';
  url.password = 'pmo_app';
  return url.toString();
}

module.exports = { TEMPLATE_DB: 'pmo_test_template', ownerUrl, appUrl, redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379' };
