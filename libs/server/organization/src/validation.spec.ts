import { checkPageSize, checkPassword, decodeAuditCursor, encodeAuditCursor, MAX_PAGE_SIZE, normalizeEmail } from './validation';
import { errorCode } from '@pmo/testing';
import { checkText } from '@pmo/core';

describe('identity input rules', () => {
  it('normalizes valid emails and refuses invalid ones', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example', `${'a'.repeat(250)}@x.io`]) {
      expect(errorCode(() => normalizeEmail(bad))).toBe('BAD_USER_INPUT');
    }
  });

  it('wants passwords of 12 to 256 characters', () => {
    expect(errorCode(() => checkPassword('x'.repeat(11)))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkPassword('x'.repeat(12)))).toBe('OK');
    expect(errorCode(() => checkPassword('x'.repeat(257)))).toBe('BAD_USER_INPUT');
  });

  it('trims names and bounds their length', () => {
    expect(checkText('  Europe ', 'name')).toBe('Europe');
    expect(errorCode(() => checkText('   ', 'name'))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkText('x'.repeat(201), 'name'))).toBe('BAD_USER_INPUT');
  });
});

describe('audit log paging rules', () => {
  it('wants a page size from 1 to 100', () => {
    for (const bad of [0, -1, 101, 1.5, Number.NaN]) expect(errorCode(() => checkPageSize(bad))).toBe('BAD_USER_INPUT');
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
  });

  it('round-trips cursors of time and public id, and refuses anything else', () => {
    const id = '0b8f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a00';
    expect(decodeAuditCursor(encodeAuditCursor('2026-11-29T06:19:01.123456Z', id))).toEqual({ list: 'audit', key: '2026-11-29T06:19:01.123456Z', id });
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      '',
      'garbage',
      Buffer.from('audit:42').toString('base64url'),
      encoded(['audit', '42', id]),
      encoded(['audit', '2026-11-29T06:19:01Z', id]),
      encoded(['audit', '2026-11-29T06:19:01.123456Z', '42']),
      encoded(['CODE_ASC', '2026-11-29T06:19:01.123456Z', id]),
    ];
    for (const cursor of forged) expect(errorCode(() => decodeAuditCursor(cursor))).toBe('BAD_USER_INPUT');
  });
});
