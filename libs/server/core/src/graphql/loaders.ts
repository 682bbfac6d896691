// Per-request DataLoaders: nested fields are fetched in one batch per level, so a list
// query runs a constant number of SQL statements whatever its length.
import DataLoader from 'dataloader';
import { currentContext } from '../tenancy/request-context';

const LOADERS = Symbol('loaders');
type WithLoaders = { [LOADERS]?: Map<string, DataLoader<unknown, unknown>> };

/** The request's loader named `name`, created on first use with `batch`. */
export function requestLoader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<Array<V | Error>>): DataLoader<K, V> {
  const context = currentContext() as WithLoaders;
  const loaders = (context[LOADERS] ??= new Map());
  let loader = loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    const loaded = new Map<K, V>();
    loader = new DataLoader<K, V>(
      async (keys) => {
        const values = await batch(keys);
        values.forEach((value, i) => value instanceof Error || loaded.set(keys[i], value as V));
        return values;
      },
      { maxBatchSize: 1000 },
    );
    (loader as Tracked<K, V>)[LOADED] = loaded;
    loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

const LOADED = Symbol('loaded');
type Tracked<K, V> = DataLoader<K, V> & { [LOADED]?: Map<K, V> };

/**
 * The value of `key` itself when a batch of this request has loaded it already, else
 * `loader.load(key)`: a field whose batch ran ahead (a page loading its rows' nested
 * fields at once) hands graphql a value, not a promise to wait on for every row.
 */
export function loadNow<K, V>(loader: DataLoader<K, V>, key: K): V | Promise<V> {
  const loaded = (loader as Tracked<K, V>)[LOADED];
  return loaded?.has(key) ? (loaded.get(key) as V) : loader.load(key);
}

/** Orders rows by the keys asked for; a missing key gets `fallback`. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K, fallback: V | null = null): Array<V> {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => (map.get(key) ?? fallback) as V);
}

/** Groups rows under the keys asked for; a missing key gets an empty list. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
