// Every repository method's SQL is written to committed files (`src/queries/*.sql` in its
// library) so a reviewer sees each query change in the diff. A method declares the example
// arguments it is run with; `npm run sql:generate` runs each one in a rolled-back
// transaction and records the statements, and a test fails when the files differ.
// Repositories hold no state: their methods take the transaction's EntityManager first,
// so the generator constructs them with `new` and passes its own.

/** Example arguments (after the EntityManager) for one recorded run of a method. */
export interface SqlExample {
  /** Names the variant when a method records more than one (e.g. a filter's branches). */
  name?: string;
  params: unknown[];
}

export interface RecordedMethod {
  method: string;
  examples: SqlExample[];
}

/** A repository class: constructed with no arguments (repositories hold no state). */
export type RepositoryClass = new () => object;

const registry = new Map<RepositoryClass, RecordedMethod[]>();

/** Records the decorated repository method's SQL with these example arguments (one run each). */
export function GenerateSql(...examples: SqlExample[]): MethodDecorator {
  return (target, key) => {
    const type = target.constructor as RepositoryClass;
    const methods = registry.get(type) ?? [];
    methods.push({ method: String(key), examples: examples.length ? examples : [{ params: [] }] });
    registry.set(type, methods);
  };
}

/** The repositories loaded so far and their recorded methods. */
export function recordedRepositories(): ReadonlyMap<RepositoryClass, RecordedMethod[]> {
  return registry;
}

/** Plausible arguments of each kind, the same on every run so the files are stable. */
export const DummyValue = {
  UUID: '00000000-0000-4000-8000-000000000001',
  UUID_2: '00000000-0000-4000-8000-000000000002',
  UUID_SET: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
  TEXT: 'text',
  EMAIL: 'someone@example.com',
  DATE: '2026-01-15',
  PERIOD: '2026-01',
  NUMBER: 1,
  TIMESTAMP: new Date('2026-01-15T12:00:00Z'),
  JSON: {},
} as const;
