// One POST to a receiver, on the worker's terms: to the address checked (no second DNS
// answer), within 10 seconds from connect to the last byte read, no redirect followed
// (a 3xx is a failure), and at most 1 KB of the answer read: the rest is cut off by
// closing the connection, so a huge or endless body costs nothing.
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AddressPolicy, resolveTarget } from './address-check';

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_BODY_LIMIT = 1024;

export interface SendResult {
  /** The HTTP status, or null when none came (refused, timed out, not allowed). */
  status: number | null;
  /** At most RESPONSE_BODY_LIMIT bytes of the answer, as text. */
  body: string | null;
  error: string | null;
  ok: boolean;
}

export async function post(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  policy: AddressPolicy,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<SendResult> {
  const url = new URL(rawUrl);
  let target;
  try {
    target = await resolveTarget(url, policy);
  } catch (error) {
    return { status: null, body: null, error: (error as Error).message, ok: false };
  }
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'PMO-Hub-Webhooks/1' },
      },
      (response) => {
        const status = response.statusCode ?? null;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
          const ok = status !== null && status >= 200 && status < 300;
          finish({ status, body: text || null, error: ok ? null : `answered ${status}`, ok });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_BODY_LIMIT) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => finish({ status: null, body: null, error: `no answer within ${timeoutMs} ms`, ok: false }), timeoutMs);
    request.on('error', (error) => finish({ status: null, body: null, error: error.message, ok: false }));
    request.end(body);
  });
}
