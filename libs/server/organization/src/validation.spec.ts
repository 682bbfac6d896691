import { DomainError } from '@pmo/core';
import { checkName, checkPassword, normalizeEmail } from './validation';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'OK';
};

describe('identity input rules', () => {
  it('normalizes valid emails and refuses invalid ones', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example', `${'a'.repeat(250)}@x.io`]) {
      expect(code(() => normalizeEmail(bad))).toBe('BAD_USER_INPUT');
    }
  });

  it('wants passwords of 12 to 256 characters', () => {
    expect(code(() => checkPassword('x'.repeat(11)))).toBe('BAD_USER_INPUT');
    expect(code(() => checkPassword('x'.repeat(12)))).toBe('OK');
    expect(code(() => checkPassword('x'.repeat(257)))).toBe('BAD_USER_INPUT');
  });

  it('trims names and bounds their length', () => {
    expect(checkName('  Europe ', 'name')).toBe('Europe');
    expect(code(() => checkName('   ', 'name'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkName('x'.repeat(201), 'name'))).toBe('BAD_USER_INPUT');
  });
});
