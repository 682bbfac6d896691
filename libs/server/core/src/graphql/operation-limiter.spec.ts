import { GraphQLError } from 'graphql';
import { OperationLimiter } from './operation-limiter';

const LIMITS = { inFlightPerUser: 2, queuedPerUser: 1, subscriptionsPerConnection: 2, subscriptionsPerUser: 3 };

/** The error a refused call raised, or 'OK'. */
async function refusal(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return 'OK';
  } catch (error) {
    return error instanceof GraphQLError ? { message: error.message, code: error.extensions.code, ...error.extensions } : String(error);
  }
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('OperationLimiter', () => {
  it('admits a user up to the in-flight limit, queues the next up to the queue limit, and refuses beyond with RATE_LIMITED', async () => {
    const limiter = new OperationLimiter(LIMITS, 200);
    const first = await limiter.acquire('u1');
    await limiter.acquire('u1');
    const queued = limiter.acquire('u1');
    expect(await settled(queued)).toBe(false);
    const refused = await refusal(() => limiter.acquire('u1'));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect((refused as { http: { status: number } }).http.status).toBe(429);
    // Another user is not affected.
    await limiter.acquire('u2');
    // A release lets the queued one in; releasing twice frees one place only.
    first();
    first();
    await queued;
    expect(limiter.inFlight('u1')).toBe(2);
    const stillQueued = limiter.acquire('u1');
    expect(await settled(stillQueued)).toBe(false);
    expect(await refusal(() => stillQueued)).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('serves the queue in arrival order and forgets a user with nothing in flight', async () => {
    const limiter = new OperationLimiter({ ...LIMITS, inFlightPerUser: 1, queuedPerUser: 3 });
    const release = await limiter.acquire('u1');
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      limiter.acquire('u1').then((done) => {
        order.push(n);
        done();
      }),
    );
    release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.inFlight('u1')).toBe(0);
    expect(limiter.trackedUsers()).toBe(0);
  });

  it('refuses a queued operation that waited longer than the queue wait', async () => {
    const limiter = new OperationLimiter({ ...LIMITS, inFlightPerUser: 1 }, 20);
    await limiter.acquire('u1');
    expect(await refusal(() => limiter.acquire('u1'))).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect(limiter.trackedUsers()).toBe(1);
  });

  it('caps subscriptions per connection and per user, and gives places back', async () => {
    const limiter = new OperationLimiter(LIMITS);
    const a = {};
    const b = {};
    const releaseA = limiter.subscribe('u1', a);
    limiter.subscribe('u1', a);
    expect(await refusal(() => limiter.subscribe('u1', a))).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2, scope: 'connection' });
    limiter.subscribe('u1', b);
    expect(await refusal(() => limiter.subscribe('u1', b))).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 3, scope: 'user' });
    expect(await refusal(() => limiter.subscribe('u2', b))).toBe('OK');
    releaseA();
    releaseA();
    expect(await refusal(() => limiter.subscribe('u1', a))).toBe('OK');
    expect(await refusal(() => limiter.subscribe('u1', {}))).toMatchObject({ scope: 'user' });
  });

  it("keeps the estimated cost of a user's operations in flight within one budget: one heavy page at a time", async () => {
    const limiter = new OperationLimiter({ ...LIMITS, inFlightPerUser: 4, queuedPerUser: 4 }, 1000, 100);
    const heavy = await limiter.acquire('u1', 80);
    const medium = limiter.acquire('u1', 30);
    const light = limiter.acquire('u1', 10);
    // First come, first served: the light one waits behind the medium one.
    expect(await settled(medium)).toBe(false);
    expect(await settled(light)).toBe(false);
    expect(await limiter.acquire('u2', 80)).toEqual(expect.any(Function));
    heavy();
    const [releaseMedium, releaseLight] = await Promise.all([medium, light]);
    expect(limiter.inFlight('u1')).toBe(2);
    releaseMedium();
    releaseLight();
    // Alone, even an operation over the budget runs (validation refuses those before this).
    const huge = await limiter.acquire('u1', 500);
    expect(limiter.inFlight('u1')).toBe(1);
    huge();
  });
});
