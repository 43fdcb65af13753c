// Jest global setup for every workspace package (root package.json "jest").
//
// Backstage's TestDatabases runs database tests on SQLite and on every
// PostgreSQL named by a BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING
// variable; without one it would start PostgreSQL in Docker, which these
// machines do not have. So: never Docker, and when nothing is configured but a
// server answers on 127.0.0.1:5432, use that server under its own version's id.
const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432';
const CONNECTION_STRING =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/;

async function localPostgresMajorVersion() {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: LOCAL_POSTGRES,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

module.exports = async function globalSetup() {
  process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
  if (Object.keys(process.env).some(name => CONNECTION_STRING.test(name))) {
    return;
  }
  const major = await localPostgresMajorVersion();
  if (major) {
    process.env[`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`] =
      LOCAL_POSTGRES;
  }
};
