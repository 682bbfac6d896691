// `npm run rollup:rebuild [-- <hubId> ...]`: recomputes every rollup of the given
// organizations (all of them by default), bottom-up in set-based SQL, as the owner.
import { createDataSource, loadConfig } from '@pmo/core';
import { rebuildOrganization } from '@pmo/kpi';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.databaseUrl, 1);
  await dataSource.initialize();
  try {
    const requested = process.argv.slice(2);
    const hubs: Array<{ id: string; name: string }> = await dataSource.query(
      `SELECT id, name FROM tenants WHERE parent_id IS NULL ${requested.length ? 'AND id = ANY($1::uuid[])' : ''} ORDER BY name`,
      requested.length ? [requested] : [],
    );
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
