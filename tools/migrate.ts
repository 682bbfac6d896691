// `npm run db:migrate`: creates the database when missing, runs pending migrations as the
// owner (the app's and the queue's) and makes sure the runtime roles exist with the app's
// grants. Without DATABASE_URL it migrates the embedded PostgreSQL, which must be running
// (`npm start` runs it).
import { bootstrapDatabase, loadConfig } from '@pmo/core';

if (require.main === module) {
  const config = loadConfig();
  bootstrapDatabase(config.databaseUrl, config.databaseAppUrl, config.databaseWorkerUrl)
    .then((applied) => console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date'))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
