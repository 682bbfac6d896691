import { HASHING, hashPassword, hashWithSettings, settingsOf } from './password';

describe('password hashing', () => {
  it('derives the same hash from the same password and settings, and another from any other password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const settings = settingsOf(stored);
    expect(settings.split('$')).toHaveLength(5);
    expect(await hashWithSettings('correct horse battery staple', settings)).toBe(stored);
    for (const other of ['correct horse battery stapl', 'Correct horse battery staple', '']) {
      expect(await hashWithSettings(other, settings)).not.toBe(stored);
    }
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')]);
    expect(a).not.toBe(b);
    expect(await hashWithSettings('the same password', settingsOf(b))).toBe(b);
  });

  it('hashes under dummy settings when the stored ones are missing or not scrypt, matching nothing', async () => {
    for (const settings of ['', 'plain-text-password', 'bcrypt$12$salt$hash$x']) {
      expect(await hashWithSettings('anything', settings)).toMatch(/^scrypt\$16384\$8\$1\$/);
    }
  });
});

describe('bounded hashing', () => {
  it('runs at most HASHING.running hashes at once and refuses beyond the waiting room, never queueing without end', async () => {
    const total = HASHING.running + HASHING.waiting + 5;
    const results = await Promise.allSettled(Array.from({ length: total }, () => hashPassword('a long enough password')));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const result of refused) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: 1 } });
    // The queue drained: the next hash runs at once.
    expect(await hashPassword('x')).toMatch(/^scrypt/);
  });
});
