// WebSocket clients for end-to-end tests: graphql-ws on the api's /graphql, the way browser
// clients connect. A Stack opens them (stack.socket) and closes them when it stops.
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A GraphQL response's data as black-box tests read it: JSON whose shape the query
 * decides, checked by each test's expectations rather than by a declared type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: one place for untyped response data
export type GqlData = any;

export type GqlErrors = Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } & Record<string, unknown> }>;

export interface SocketOptions {
  token?: string;
  /** Connect at once (and report the close code through `closed`) instead of at the first operation. */
  eager?: boolean;
}

export interface Socket {
  client: Client;
  /** The close code the server sent, once it closed the socket. */
  closed: Promise<number>;
}

export function openSocket(httpUrl: string, { token, eager = false }: SocketOptions = {}): Socket {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: `${httpUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: !eager,
    // A refused connection shows as `closed` and in the operations' answers.
    onNonLazyError: () => undefined,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  return { client, closed };
}

/** What one operation over a socket answered: its result, its errors, or how the socket closed. */
export interface SocketAnswer {
  data?: GqlData;
  errors?: GqlErrors;
  closed?: { code: number; reason: string };
}

/** Runs one operation and resolves with its first result (or its last, with `untilComplete`). */
export function request(
  client: Client,
  payload: { query: string; variables?: Record<string, unknown>; operationName?: string },
  { untilComplete = false } = {},
): Promise<SocketAnswer> {
  return new Promise((resolve) => {
    let last: SocketAnswer = {};
    client.subscribe(payload, {
      next: (result) => {
        last = result as SocketAnswer;
        if (!untilComplete) resolve(last);
      },
      error: (error) => {
        if (Array.isArray(error)) resolve({ errors: error as GqlErrors });
        else if (error && typeof (error as { code?: unknown }).code === 'number') {
          const close = error as { code: number; reason: string };
          resolve({ closed: { code: close.code, reason: close.reason } });
        } else resolve({ errors: [{ message: String((error as { reason?: string }).reason ?? error) }] });
      },
      complete: () => resolve(last),
    });
  });
}

/** Collects a subscription's events (each `pick`ed from its data) and errors as they arrive. */
export function collect(client: Client, query: string, variables: Record<string, unknown>, pick: (data: GqlData) => GqlData = (data) => data) {
  const events: GqlData[] = [];
  const errors: GqlData[] = [];
  client.subscribe(
    { query, variables },
    {
      next: (result) => (result.errors ? errors.push(...result.errors) : events.push(pick(result.data))),
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => undefined,
    },
  );
  return { events, errors };
}
