// The one page shape of every list served page by page (Relay-style connections): the
// shared PageInfo type, opaque cursors and how a page is cut from a keyset query.
import { Field, ObjectType } from '@nestjs/graphql';
import { badInput, isUuid } from '../errors/domain-error';

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** Where a page ends in a keyset order: the list (and sort) it belongs to, the row's sort key and its uuid. */
export interface Cursor {
  list: string;
  key: string;
  id: string;
}

/** Opaque to clients; it carries only what the client was shown or may see. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.list, cursor.key, cursor.id])).toString('base64url');
}

/** A cursor of `list`; anything else (garbage, another list's or sort's cursor) is bad input. */
export function decodeCursor(value: string, list: string): Cursor {
  const invalid = () => badInput('after is not a valid cursor for this list', { field: 'after' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== list ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string' ||
    !isUuid(parsed[2])
  ) {
    throw invalid();
  }
  return { list, key: parsed[1], id: parsed[2] };
}

/**
 * A page from rows read with LIMIT size + 1 in the list's keyset order: the extra row
 * only says that another page follows.
 */
export function pageOf<Row, Node>(rows: Row[], size: number, edge: (row: Row) => { cursor: string; node: Node }) {
  const edges = rows.slice(0, size).map(edge);
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } as PageInfoModel };
}
