// How a versioned standard plugs into the shared lifecycle: its table, how it reads in
// the API, the order of its standards in force, and (when it keeps published versions)
// its table of versions and the snapshot each one keeps.
import { QueryDeepPartialEntity } from 'typeorm';
import { StandardEntity } from './standard.entity';

export interface VersionTable<V extends object> {
  entity: new () => V;
  /** The property of V that holds the standard's id. */
  standardId: keyof V & string;
}

export interface Versions<E extends StandardEntity, V extends object, VM> extends VersionTable<V> {
  /** The row that keeps `standard` as it is published now. */
  of(standard: E): QueryDeepPartialEntity<V>;
  toModel(version: V): VM;
}

export interface StandardTable<E extends StandardEntity> {
  entity: new () => E;
  /** The order of a tenant's standards in force after their owner's (nearest the root first), on alias `s`. */
  order: string[];
}

export interface LifecycleStandard<E extends StandardEntity, M, V extends object = never, VM = never> extends StandardTable<E> {
  /** How messages name one: "KPI definition". */
  noun: string;
  /** audit_log.entity for its changes. */
  audit: string;
  toModel(standard: E): M;
  versions?: Versions<E, V, VM>;
  /** Throws when `current` may not be revised, published or retired by anyone (a built-in standard). */
  checkChangeable?(current: E): void;
}

export type VersionedStandard<E extends StandardEntity, M, V extends object, VM> = LifecycleStandard<E, M, V, VM> & { versions: Versions<E, V, VM> };
