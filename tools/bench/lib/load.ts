// A closed-loop load generator: `concurrency` clients each send the next request as soon
// as their previous one answered, until `requests` have been sent. Any error response
// fails the run: a benchmark of errors measures nothing.
import type { GqlData } from '@pmo/testing';
import { performance } from 'node:perf_hooks';

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export async function graphql<T = GqlData>(url: string, request: GraphqlRequest): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) },
    body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (res.status !== 200 || body.errors?.length) throw new Error(`${url}: ${res.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data as T;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function runLoad(url: string, request: GraphqlRequest, requests: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  const client = async () => {
    while (sent < requests) {
      sent++;
      const started = performance.now();
      await graphql(url, request);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests, seconds, perSecond: requests / seconds, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
