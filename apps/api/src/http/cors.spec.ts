import { loadConfig } from '@pmo/core';
import { corsOriginAllowed } from './cors';

const SECRET = 'a-production-secret-of-forty-characters!!';
const SERVER = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pmo' };
const RUNTIME_ROLES = { ...SERVER, DATABASE_APP_URL: 'postgres://a:a-long-password@db/pmo', DATABASE_WORKER_URL: 'postgres://w:w-long-password@db/pmo' };

describe('corsOriginAllowed', () => {
  it('allows any http localhost origin in development when CORS_ORIGINS is unset', () => {
    const allowed = corsOriginAllowed(loadConfig(SERVER));
    for (const origin of ['http://localhost:5173', 'http://localhost', 'http://127.0.0.1:8080', 'http://localhost:3000'])
      expect({ origin, ok: allowed(origin) }).toEqual({ origin, ok: true });
    for (const origin of [
      'https://localhost:5173',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'http://evil.example',
      'null',
      'http://localhost:5173/',
    ]) {
      expect({ origin, ok: allowed(origin) }).toEqual({ origin, ok: false });
    }
  });

  it('allows exactly the listed origins when CORS_ORIGINS is set, in any environment', () => {
    for (const env of [SERVER, { NODE_ENV: 'production', JWT_SECRET: SECRET, ...RUNTIME_ROLES }]) {
      const allowed = corsOriginAllowed(loadConfig({ ...env, CORS_ORIGINS: 'https://pmo.example,http://localhost:5173' }));
      expect(allowed('https://pmo.example')).toBe(true);
      expect(allowed('http://localhost:5173')).toBe(true);
      expect(allowed('http://localhost:5174')).toBe(false);
      expect(allowed('https://pmo.example.evil')).toBe(false);
      expect(allowed('http://pmo.example')).toBe(false);
    }
  });

  it('allows no cross-origin access in production when CORS_ORIGINS is unset', () => {
    const allowed = corsOriginAllowed(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, ...RUNTIME_ROLES }));
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://pmo.example']) expect(allowed(origin)).toBe(false);
  });
});
