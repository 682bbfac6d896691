// Loads every library's entities and repositories by file name (`*.entity`, `*.repository`),
// from the sources under jest or from dist/ when compiled, so nothing is listed by hand.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';

const libs = join(__dirname, '..', '..', 'libs');
const extension = __filename.endsWith('.ts') ? '.ts' : '.js';

function* files(dir: string, suffix: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path, suffix);
    else if (entry.name.endsWith(suffix + extension)) yield path;
  }
}

export type EntityClass = new (...args: never[]) => object;

/** Every entity class of every library. */
export async function loadEntities(): Promise<EntityClass[]> {
  for (const file of files(libs, '.entity')) await import(file);
  return getMetadataArgsStorage().tables.map((table) => table.target as EntityClass);
}

/** Every repository module with its exports (loading them registers what the SQL files record). */
export async function loadRepositories(): Promise<Array<[file: string, exports: Record<string, unknown>]>> {
  const modules: Array<[string, Record<string, unknown>]> = [];
  for (const file of files(libs, '.repository')) modules.push([file, await import(file)]);
  return modules;
}
