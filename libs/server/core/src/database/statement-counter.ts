// Counts the SQL statements each request runs (development and test only), so tests and
// benchmarks can prove a list query's statement count does not grow with its length.
import type { Logger as TypeOrmLogger } from 'typeorm';
import { peekContext } from '../tenancy/request-context';

const COUNT = Symbol('sqlStatements');
type Counted = { [COUNT]?: number };

export class StatementCounter implements TypeOrmLogger {
  logQuery(): void {
    const context = peekContext() as Counted | undefined;
    if (context) context[COUNT] = (context[COUNT] ?? 0) + 1;
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
