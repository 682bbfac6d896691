// `npm run rollup:rebuild [-- <hubId> ...]`: recomputes every rollup of the given
// organizations (all of them by default), bottom-up in set-based SQL, as the owner:
// the same statements as the ORG_ADMIN's rebuild.
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, TenantEntity } from '@pmo/core';
import { rebuildOrganization, RollupRepository } from '@pmo/kpi';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl, 1, [TenantEntity]));
  await dataSource.initialize();
  try {
    const requested = process.argv.slice(2);
    const hubs = await new RollupRepository().hubs(dataSource.manager, requested.length ? requested : null);
    for (const hub of hubs) {
      const started = performance.now();
      const result = await dataSource.transaction((em) => rebuildOrganization(em, hub.id));
      console.log(
        `${hub.name}: ${result.nodes} rollups over ${result.levels} levels (${result.written} rewritten, ${result.removed} removed) in ${Math.round(performance.now() - started)} ms`,
      );
    }
    if (!hubs.length) console.log('no organization to rebuild');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
