import { Backoffs } from 'bullmq';
import { DELIVERY_ATTEMPTS, deliveryRetries, isLastAttempt, retryDelay } from './backoff';

describe('webhook backoff', () => {
  it('tries 8 times, the first retry after the base delay, each next after twice the last', () => {
    expect(DELIVERY_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelay(attempt, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect(isLastAttempt(7)).toBe(false);
    expect(isLastAttempt(8)).toBe(true);
  });

  it('gives BullMQ exponential backoff with jitter that takes at most a quarter off each delay', () => {
    const options = deliveryRetries(30_000);
    expect(options).toEqual({ attempts: 8, backoff: { type: 'exponential', delay: 30_000, jitter: 0.25 } });
    const delays = new Set<number>();
    for (let attempt = 1; attempt <= 7; attempt++) {
      for (let run = 0; run < 50; run++) {
        const delay = Backoffs.calculate(options.backoff as never, attempt, new Error('500'), undefined as never) as number;
        expect(delay).toBeLessThanOrEqual(retryDelay(attempt, 30_000));
        expect(delay).toBeGreaterThanOrEqual(retryDelay(attempt, 30_000) * 0.75);
        if (attempt === 1) delays.add(delay);
      }
    }
    // Jitter: receivers that failed together are not all retried at the same instant.
    expect(delays.size).toBeGreaterThan(1);
  });
});
