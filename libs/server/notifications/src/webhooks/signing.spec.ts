import { Webhook } from 'standardwebhooks';
import { newSecret, sign, signedHeaders, signingSecrets } from './signing';

const body = JSON.stringify({ type: 'decision.recorded', timestamp: '2026-01-15T12:00:00.000Z', data: { decisionId: 'd1' } });

describe('Standard Webhooks signing', () => {
  it('makes secrets of 32 random bytes after whsec_', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks verifier accepts the message, and refuses it altered', () => {
    const secret = newSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([secret], 'msg_1', now, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('d1', 'd2'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });

  it('is HMAC-SHA256 over id.timestamp.body keyed with the secret’s bytes (a known vector)', () => {
    // The vector of the Standard Webhooks specification's reference libraries.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"test": 2432232314}';
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs with both secrets during a rotation’s overlap, space-separated, and with the new one alone after it', () => {
    const current = newSecret();
    const previous = newSecret();
    const now = new Date('2026-01-15T12:00:00Z');
    const until = new Date('2026-01-16T12:00:00Z');
    const both = signingSecrets({ secret: current, previousSecret: previous, previousSecretUntil: until }, now);
    expect(both).toEqual([current, previous]);
    const ts = Math.floor(Date.now() / 1000);
    const headers = signedHeaders(both, 'msg_1', ts, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    // A receiver still on the old secret and one already on the new both verify.
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(signingSecrets({ secret: current, previousSecret: previous, previousSecretUntil: until }, new Date('2026-01-16T12:00:01Z'))).toEqual([current]);
    expect(signingSecrets({ secret: current, previousSecret: null, previousSecretUntil: null }, now)).toEqual([current]);
  });
});
