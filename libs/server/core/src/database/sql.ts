// Raw SQL where it earns its place (set-based, batch and locking statements): each one a
// named constant in a `*.sql.ts` module with the type of the rows it returns and of the
// parameters it takes, so a call site cannot pass the wrong ones or misread the result.
import { QueryRunnerAlreadyReleasedError, type EntityManager } from 'typeorm';

export interface Statement<Row, Params extends readonly unknown[]> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries the row and parameter types to `run`. */
  readonly types?: { row: Row; params: Params };
}

export function statement<Row, Params extends readonly unknown[] = []>(name: string, text: string): Statement<Row, Params> {
  return { name, text };
}

/** Runs a statement on the transaction's manager and returns its rows. */
export function run<Row, Params extends readonly unknown[]>(em: EntityManager, sql: Statement<Row, Params>, params: Params): Promise<Row[]> {
  return em.query(sql.text, params as unknown as unknown[]);
}

/** The first row of a statement, or undefined. */
export async function runOne<Row, Params extends readonly unknown[]>(em: EntityManager, sql: Statement<Row, Params>, params: Params): Promise<Row | undefined> {
  return (await run(em, sql, params))[0];
}

/**
 * `run` as a named prepared statement, so each connection parses and plans it once (and
 * PostgreSQL keeps a generic plan once it costs no more than a fresh one): for hot
 * statements whose planning costs more than their work, as policies expand every table
 * into subplans. In a transaction it runs on the transaction's connection; outside any,
 * it is a statement that is its own transaction, on a pooled connection. Either way it is
 * told to the logger as TypeORM's own statements are (the statement counter, the SQL file
 * generator).
 */
export async function runPrepared<Row, Params extends readonly unknown[]>(em: EntityManager, sql: Statement<Row, Params>, params: Params): Promise<Row[]> {
  const values = params as unknown as unknown[];
  const runner = em.queryRunner as unknown as { databaseConnection?: PreparingPool; isReleased: boolean } | undefined;
  // A released runner's connection is back in the pool, maybe in another transaction.
  if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const connection = runner ? runner.databaseConnection : (em.connection.driver as unknown as { master: PreparingPool }).master;
  if (!connection) return run(em, sql, params);
  em.connection.logger.logQuery(sql.text, values, em.queryRunner);
  const { rows } = await connection.query({ name: sql.name, text: sql.text, values });
  return rows as Row[];
}

interface PreparingPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** A pg pool or client: the connections that run outside TypeORM (the bootstrap, the PostgreSQL transport). */
export interface PgConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Runs a statement on a pg pool or client and returns its rows. */
export async function runOn<Row, Params extends readonly unknown[]>(connection: PgConnection, sql: Statement<Row, Params>, params: Params): Promise<Row[]> {
  const { rows } = await connection.query(sql.text, params as unknown as unknown[]);
  return rows as Row[];
}

/** An identifier in statement text (names of databases, roles, channels cannot be parameters). */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A string literal in statement text, where PostgreSQL takes no parameter (a role's password or setting). */
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
