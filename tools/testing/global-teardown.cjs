const { Client } = require('pg');
const { ownerUrl } = require('./urls.cjs');

module.exports = async () => {
  const admin = new Client({ connectionString: ownerUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${process.env.PMO_TEST_TEMPLATE}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
};
