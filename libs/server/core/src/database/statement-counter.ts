// Counts the SQL statements each request runs (development and test only), so tests and
// benchmarks can prove a list query's statement count does not grow with its length,
// and how many transactions (each one a tenant context entered) it took.
import type { Logger as TypeOrmLogger } from 'typeorm';
import { peekContext } from '../tenancy/request-context';

const COUNT = Symbol('sqlStatements');
const TRANSACTIONS = Symbol('sqlTransactions');
type Counted = { [COUNT]?: number; [TRANSACTIONS]?: number };
const BEGINS = /^\s*(BEGIN|START TRANSACTION)\b/i;

export class StatementCounter implements TypeOrmLogger {
  logQuery(query: string): void {
    const context = peekContext() as Counted | undefined;
    if (!context) return;
    context[COUNT] = (context[COUNT] ?? 0) + 1;
    if (BEGINS.test(query)) context[TRANSACTIONS] = (context[TRANSACTIONS] ?? 0) + 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function statementsInRequest(): number {
  return (peekContext() as Counted | undefined)?.[COUNT] ?? 0;
}

/** The transactions the request has begun so far. */
export function transactionsInRequest(): number {
  return (peekContext() as Counted | undefined)?.[TRANSACTIONS] ?? 0;
}
