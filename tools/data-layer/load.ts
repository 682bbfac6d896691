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

/** Every entity class of every library. */
export function loadEntities(): Function[] {
  for (const file of files(libs, '.entity')) require(file);
  return getMetadataArgsStorage().tables.map((table) => table.target as Function);
}

/** Requires every repository module (their decorators register what the SQL files record); returns each file's exports. */
export function loadRepositories(): Array<{ file: string; exports: Record<string, unknown> }> {
  return [...files(libs, '.repository')].map((file) => ({ file, exports: require(file) }));
}
