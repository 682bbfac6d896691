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

/**
 * Loads every repository module, one after the other (their decorators register what the
 * SQL files record), calling `loaded` after each so a caller can tell which file declared what.
 */
export async function loadRepositories(loaded: (file: string) => void): Promise<void> {
  for (const file of files(libs, '.repository')) {
    await import(file);
    loaded(file);
  }
}
