import { DUMMY_HASH_PROMISE, HASHING, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and refuses any other', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', b)).toBe(true);
  });

  it('refuses stored values that are not scrypt hashes', async () => {
    expect(await verifyPassword('anything', '')).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$12$salt$hash$x$y')).toBe(false);
  });
});

describe('bounded hashing', () => {
  it('runs at most HASHING.running hashes at once and refuses beyond the waiting room, never queueing without end', async () => {
    await DUMMY_HASH_PROMISE; // the module's own hash, made at load
    const total = HASHING.running + HASHING.waiting + 5;
    const results = await Promise.allSettled(Array.from({ length: total }, () => hashPassword('a long enough password')));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const result of refused) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: 1 } });
    // The queue drained: the next hash runs at once.
    expect(await verifyPassword('x', await hashPassword('x'))).toBe(true);
  });
});
