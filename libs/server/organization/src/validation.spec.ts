import { checkPageSize, checkPassword, decodeAuditCursor, encodeAuditCursor, MAX_PAGE_SIZE, normalizeEmail } from './validation';
import { errorCode } from '../../../../tools/testing/error-code';
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

  it('round-trips cursors and refuses anything else', () => {
    expect(decodeAuditCursor(encodeAuditCursor('42'))).toBe('42');
    expect(decodeAuditCursor(encodeAuditCursor('9223372036854775807'))).toBe('9223372036854775807');
    const encoded = (text: string) => Buffer.from(text).toString('base64url');
    const forged = ['', 'garbage', encoded('audit:0'), encoded('audit:-5'), encoded('audit:1 OR 1=1'), encoded('audit:9223372036854775808'), encoded('42')];
    for (const cursor of forged) expect(errorCode(() => decodeAuditCursor(cursor))).toBe('BAD_USER_INPUT');
  });
});
