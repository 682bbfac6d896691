// Password hashing with scrypt (memory-hard, in Node's crypto: no native add-on).
// Format: scrypt$N$r$p$salt$hash, so parameters can be raised without breaking old hashes.
// Stored hashes never leave the database: a login reads the "settings" (scrypt$N$r$p$salt),
// derives the full hash here, and the database compares it (pmo_open_session).
import { randomBytes, scrypt as scryptCallback, ScryptOptions } from 'node:crypto';
import { rateLimited } from '../errors/domain-error';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Hashing is bounded: at most HASHING.running at once (they take libuv's threads, which
 * file and DNS work share), at most HASHING.waiting queued; beyond that the caller is
 * told to retry rather than queued without end.
 */
export const HASHING = { running: 2, waiting: 32 };
let running = 0;
const waiting: Array<() => void> = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running < HASHING.running) running++;
  else if (waiting.length >= HASHING.waiting) throw rateLimited(1, 'Too many sign-ins at once: try again shortly');
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return bounded(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

export function hashPassword(password: string): Promise<string> {
  return hashWithSettings(password, ['scrypt', N, R, P, randomBytes(16).toString('base64')].join('$'));
}

/** The full hash of `password` under stored settings (scrypt$N$r$p$salt); unknown settings hash under dummy ones, in the same time. */
export async function hashWithSettings(password: string, settings: string): Promise<string> {
  const parts = settings.split('$');
  const [scheme, n, r, p, salt] = parts.length === 5 && parts[0] === 'scrypt' ? parts : (await DUMMY_SETTINGS).split('$');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return [scheme, n, r, p, salt, key.toString('base64')].join('$');
}

/** The settings part of a stored hash. */
export const settingsOf = (stored: string) => stored.split('$').slice(0, 5).join('$');

/** Settings of no account: a login for an unknown email or an account without a password hashes under them. */
const DUMMY_SETTINGS = Promise.resolve(['scrypt', N, R, P, randomBytes(16).toString('base64')].join('$'));
