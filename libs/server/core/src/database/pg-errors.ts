// What PostgreSQL's refusals mean to a client, decided where statements run: a constraint
// violation is CONFLICT, bad data BAD_USER_INPUT. As domain errors they are answered with
// their code and logged nowhere (their messages quote the values a query ran with).
import type { EntityMetadata } from 'typeorm';
import { badInput, conflict, DomainError } from '../errors/domain-error';

const PG_CONFLICT = new Set(['23505', '23P01']);
const PG_BAD_INPUT = new Set(['22P02', '22003', '22001', '23514', '23502', '22007', '22008']);
// A NUL byte (\u0000), from any string argument whatever path it takes: PostgreSQL
// refuses it in text (22021, invalid byte sequence) and in JSON (22P05). JavaScript
// strings reach PostgreSQL as valid UTF-8 otherwise, so these codes mean NUL.
const PG_NUL = new Set(['22021', '22P05']);

/** Unique index or constraint name → the field it keeps unique, from the entities' declarations. */
const uniqueFields = new Map<string, string>();

/**
 * Learns which field each unique index guards (the property an entity declares it on),
 * so every unique violation, whatever statement hit it, is a CONFLICT naming that field.
 */
export function learnUniqueFields(entities: readonly EntityMetadata[]): void {
  for (const entity of entities) {
    for (const index of [...entity.indices.filter((i) => i.isUnique), ...entity.uniques]) {
      // An index TypeORM leaves alone (synchronize: false, e.g. on lower(term)) resolves no
      // columns; the property it is declared on is still given.
      const declared = Array.isArray(index.givenColumnNames) ? index.givenColumnNames.at(-1) : undefined;
      const field = index.columns.at(-1)?.propertyName ?? declared;
      if (index.name && field) uniqueFields.set(index.name, field);
    }
  }
}

/** The domain error a PostgreSQL error stands for, or the error itself when it is unexpected. */
export function fromDatabaseError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof DomainError || typeof code !== 'string') return error;
  if (PG_CONFLICT.has(code)) {
    const field = uniqueFields.get((error as { constraint?: string }).constraint ?? '');
    return field ? conflict(`That ${field} is already taken`, { field }) : conflict('That already exists');
  }
  if (PG_NUL.has(code)) return badInput('Text must not contain NUL (\\u0000) characters');
  if (PG_BAD_INPUT.has(code)) return badInput('Invalid input');
  return error;
}
