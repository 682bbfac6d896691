const { rmSync } = require('node:fs');
const { Client } = require('pg');
const { ownerUrl } = require('./urls.cjs');

module.exports = async () => {
  const embedded = globalThis.__PMO_EMBEDDED_PG__;
  if (embedded) {
    // The whole server goes, template included.
    await embedded.server.stop();
    rmSync(embedded.home, { recursive: true, force: true });
    return;
  }
  const admin = new Client({ connectionString: ownerUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${process.env.PMO_TEST_TEMPLATE}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
};
