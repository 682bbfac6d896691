// DataSource factories for the two roles: the owner runs migrations, the app role serves.
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * Compiled migrations of every library. Migrations run from the build (dist/), never
 * from TypeScript sources: `npm run db:migrate` and the test setup both build first.
 */
export function migrationGlobs(): string[] {
  const dist = join(__dirname, '..', '..', '..', '..', '..');
  return [join(dist, 'libs', 'server', '*', 'src', 'migrations', '*.js')];
}

/**
 * Compiled entities of every library: each process knows the whole schema, so an entity's
 * foreign key to another feature's table (declared by table name, as a feature may not
 * import another) always finds its target, whichever modules the process runs.
 */
export function entityGlobs(): string[] {
  const dist = join(__dirname, '..', '..', '..', '..', '..');
  return [join(dist, 'libs', 'server', '*', 'src', '**', '*.entity.js')];
}

export function dataSourceOptions(url: string, poolSize: number, entities: DataSourceOptions['entities'] = entityGlobs()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: migrationGlobs(),
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, application_name: 'pmo-hub' },
  };
}

export function createDataSource(url: string, poolSize = 2): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
