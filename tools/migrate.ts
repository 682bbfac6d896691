// `npm run db:migrate`: creates the database when missing, runs pending migrations as the
// owner and makes sure the runtime role exists with the app's grants.
import { bootstrapDatabase, loadConfig } from '@pmo/core';

export async function migrate(): Promise<void> {
  const config = loadConfig();
  const applied = await bootstrapDatabase(config.databaseUrl, config.databaseAppUrl, config.databaseWorkerUrl);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
}

if (require.main === module) {
  migrate().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
