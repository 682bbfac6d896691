import { createHmac, randomUUID } from 'node:crypto';
import { loadConfig } from '../config/config';
import { TokenService } from './token.service';
import { errorCode } from '@pmo/testing';

const SECRET = 'unit-test-secret-0123456789-abcdefghij';
const tokens = new TokenService(loadConfig({ JWT_SECRET: SECRET, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pmo' }));
const USER = randomUUID();
const SESSION = randomUUID();
const CLAIMS = { userId: USER, sessionId: SESSION, expiresAt: expect.any(Number) };

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function sign(header: object, payload: object, secret = SECRET, hash = 'sha256'): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac(hash, secret).update(unsigned).digest('base64url')}`;
}

describe('TokenService', () => {
  it('verifies the tokens it issues', () => {
    expect(tokens.verify(tokens.issue(USER, SESSION))).toEqual(CLAIMS);
    expect(tokens.fromHeader(`Bearer ${tokens.issue(USER, SESSION)}`)).toEqual(CLAIMS);
    expect(tokens.fromHeader(undefined)).toBeUndefined();
  });

  it('refuses a token once it has expired, though it was verified before', () => {
    jest.useFakeTimers({ now: Date.now() });
    try {
      const token = sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION, exp: now() + 2 });
      expect(tokens.verify(token)).toEqual(CLAIMS);
      expect(tokens.verify(token)).toEqual(CLAIMS);
      jest.advanceTimersByTime(2000);
      expect(errorCode(() => tokens.verify(token))).toBe('UNAUTHENTICATED');
    } finally {
      jest.useRealTimers();
    }
  });

  it('accepts a hand-signed HS256 token, so the refusals below are about the token itself', () => {
    expect(tokens.verify(sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION, exp: now() + 60 }))).toEqual(CLAIMS);
  });

  it.each([
    ['expired', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION, iat: now() - 120, exp: now() - 60 })],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: USER, exp: now() + 60 })}.`],
    ['alg none without the trailing dot', () => `${b64({ alg: 'none' })}.${b64({ sub: USER })}`],
    [
      'a tampered payload',
      () => {
        const [header, , signature] = tokens.issue(USER, SESSION).split('.');
        return `${header}.${b64({ sub: randomUUID(), exp: now() + 60 })}.${signature}`;
      },
    ],
    [
      'a tampered signature',
      () => {
        const token = tokens.issue(USER, SESSION);
        const last = token.at(-2) === 'A' ? 'B' : 'A';
        return `${token.slice(0, -2)}${last}${token.at(-1)}`;
      },
    ],
    ['another secret', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION, exp: now() + 60 }, 'another-secret-0123456789-abcdefghijkl')],
    ['HS512 with the right secret', () => sign({ alg: 'HS512', typ: 'JWT' }, { sub: USER, sid: SESSION, exp: now() + 60 }, SECRET, 'sha512')],
    ['a subject that is not a user id', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: 'admin', exp: now() + 60 })],
    ['no subject', () => sign({ alg: 'HS256', typ: 'JWT' }, { sid: SESSION, exp: now() + 60 })],
    ['no session', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, exp: now() + 60 })],
    ['no expiry', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION })],
    ['an expiry that is not a time', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: USER, sid: SESSION, exp: 'never' })],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s as UNAUTHENTICATED', (_, make) => {
    const token = make();
    expect(errorCode(() => tokens.verify(token))).toBe('UNAUTHENTICATED');
    expect(errorCode(() => tokens.fromHeader(`Bearer ${token}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization header that is not a bearer token', () => {
    expect(errorCode(() => tokens.fromHeader(`Basic ${Buffer.from('a:b').toString('base64')}`))).toBe('UNAUTHENTICATED');
    expect(errorCode(() => tokens.fromHeader('Bearer'))).toBe('UNAUTHENTICATED');
    expect(errorCode(() => tokens.fromHeader(`Bearer ${tokens.issue(USER, SESSION)} extra`))).toBe('UNAUTHENTICATED');
  });
});
