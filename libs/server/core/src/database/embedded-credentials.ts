// The embedded PostgreSQL's passwords: made up once, when its home is first set up, and
// kept in a file only the user running `npm start` may read (0600). Every process of the
// embedded setup (api, worker, migrate, seed) reads its role's password from there.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedCredentials {
  /** The superuser `postgres`: owns the database and runs migrations. */
  owner: string;
  /** The api's runtime role, pmo_app. */
  app: string;
  /** The worker's runtime role, pmo_worker. */
  worker: string;
}

/** The embedded server's database: the one every process of the embedded setup uses. */
export const EMBEDDED_DATABASE = 'pmo';

export const credentialsFile = (home: string) => join(home, 'credentials.json');

/** The stored passwords, or undefined while the home has none (never set up). */
export function readEmbeddedCredentials(home: string): EmbeddedCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(credentialsFile(home), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<EmbeddedCredentials>;
  if (typeof parsed.owner !== 'string' || typeof parsed.app !== 'string' || typeof parsed.worker !== 'string') {
    throw new Error(`${credentialsFile(home)} is not a credentials file of this project`);
  }
  return parsed as EmbeddedCredentials;
}

/** Reads the stored passwords, making them up first when the home has none. */
export function ensureEmbeddedCredentials(home: string): EmbeddedCredentials {
  const existing = readEmbeddedCredentials(home);
  if (existing) return existing;
  const secret = () => randomBytes(24).toString('base64url');
  const made: EmbeddedCredentials = { owner: secret(), app: secret(), worker: secret() };
  // 'wx': two starters racing never overwrite each other's passwords.
  writeFileSync(credentialsFile(home), `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return made;
}

/** The three roles' URLs on the embedded server at `port` (it listens on 127.0.0.1 only). */
export function embeddedUrls(port: number, credentials: EmbeddedCredentials): { owner: string; app: string; worker: string } {
  const url = (user: string, password: string) => {
    const parsed = new URL(`postgres://127.0.0.1:${port}/${EMBEDDED_DATABASE}`);
    parsed.username = user;
    parsed.password = password;
    return parsed.toString();
  };
  return { owner: url('postgres', credentials.owner), app: url('pmo_app', credentials.app), worker: url('pmo_worker', credentials.worker) };
}
