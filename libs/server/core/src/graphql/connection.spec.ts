import { decodeCursor, encodeCursor, pageOf } from './connection';
import { errorCode } from '@pmo/testing';

describe('connections', () => {
  it('round-trips cursors and refuses garbage or another list', () => {
    const cursor = { list: 'CODE_ASC', key: 'P-1 "quoted", ünïcode', id: '0b8f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a00' };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded, 'CODE_ASC')).toEqual(cursor);
    expect(errorCode(() => decodeCursor(encoded, 'NAME_ASC'))).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['CODE_ASC', 'x', 'not-a-uuid'])).toString('base64url');
    for (const bad of ['garbage!!', '', 'bm90IGpzb24', forged, Buffer.from('{"a":1}').toString('base64url')]) {
      expect(errorCode(() => decodeCursor(bad, 'CODE_ASC'))).toBe('BAD_USER_INPUT');
    }
  });

  it('cuts a page from size + 1 rows: the extra row only says more follow', () => {
    const edge = (n: number) => ({ cursor: `c${n}`, node: n });
    expect(pageOf([1, 2, 3], 2, edge)).toEqual({ edges: [edge(1), edge(2)], pageInfo: { hasNextPage: true, endCursor: 'c2' } });
    expect(pageOf([1, 2], 2, edge)).toEqual({ edges: [edge(1), edge(2)], pageInfo: { hasNextPage: false, endCursor: 'c2' } });
    expect(pageOf([], 2, edge)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
