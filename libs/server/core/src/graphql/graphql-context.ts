// The GraphQL context. Over HTTP the tenant context is entered by middleware; over
// WebSocket there is no request to hang it on, so the connection's context travels in
// the GraphQL context: `executeInContext` enters it for a query or mutation sent over the
// socket, `subscribeInContext` for the subscription and, afresh, for each event's
// execution (its own loaders, its own transactions, as if each event were a request).
// Subscriptions of one session handed the same event payload share that event's context:
// a thousand subscriptions load the figure's tenant and KPI once, not a thousand times.
import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, getOperationAST, subscribe } from 'graphql';
import { finishReads, shareReads } from '../database/request-reads';
import { ClosableSocket } from '../security/session-events';
import { Actor, RequestContext, runWithContext } from '../tenancy/request-context';

export interface GraphqlContext {
  requestContext?: RequestContext;
}

/** What a graphql-ws connection carries: the context onConnect entered from its token. */
export interface GraphqlWsExtra {
  socket: ClosableSocket;
  requestContext?: RequestContext;
  /** Stops watching the socket's session (set while it is authenticated). */
  untrack?: () => void;
}

type Events = AsyncGenerator<ExecutionResult, void, void>;

const connectionOf = (args: ExecutionArgs) => (args.contextValue as GraphqlContext | undefined)?.requestContext;

export async function executeInContext(args: ExecutionArgs) {
  const connection = connectionOf(args);
  if (!connection) return execute(args);
  const context: RequestContext = { requestId: connection.requestId, actor: connection.actor };
  // A query's reads share one transaction, as over HTTP (database/request-reads).
  if (getOperationAST(args.document, args.operationName)?.operation === 'query') shareReads(context);
  try {
    return await runWithContext(context, () => execute(args));
  } finally {
    void finishReads(context);
  }
}

/** Per event payload, per actor: the context its executions share (freed with the payload). */
const eventContexts = new WeakMap<object, Map<string, RequestContext>>();

const actorKey = (actor: Actor) => (actor.kind === 'user' ? `session:${actor.sessionId}` : actor.kind === 'system' ? `system:${actor.tenantId}` : actor.kind);

function eventContext(payload: unknown, connection: RequestContext): RequestContext {
  const fresh = (): RequestContext => ({ requestId: connection.requestId, actor: connection.actor });
  if (typeof payload !== 'object' || payload === null) return fresh();
  const byActor = eventContexts.get(payload) ?? new Map<string, RequestContext>();
  eventContexts.set(payload, byActor);
  const key = actorKey(connection.actor);
  const context = byActor.get(key) ?? fresh();
  byActor.set(key, context);
  return context;
}

export async function subscribeInContext(args: ExecutionArgs): Promise<Events | ExecutionResult> {
  const connection = connectionOf(args);
  if (!connection) return subscribe(args);
  const fresh = (): RequestContext => ({ requestId: connection.requestId, actor: connection.actor });
  // graphql's subscribe(), with each event executed in its payload's context.
  const source = await runWithContext(fresh(), () => createSourceEventStream(args));
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const payloads = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // return() ends the stream at once: a source generator waiting for its next event would
  // otherwise hold its return() (and graphql-ws its onComplete, its onClose and the
  // subscription's place) until that event came. A waiting next() then answers done.
  const done: IteratorReturnResult<void> = { done: true, value: undefined };
  let stop!: () => void;
  const stopped = new Promise<IteratorReturnResult<void>>((resolve) => (stop = () => resolve(done)));
  const close = () => {
    stop();
    void Promise.resolve(payloads.return?.()).catch(() => undefined);
    return Promise.resolve(done);
  };
  const nextEvent = async (): Promise<IteratorResult<ExecutionResult, void>> => {
    const payload = await runWithContext(fresh(), () => payloads.next());
    if (payload.done) return done;
    try {
      const result = await runWithContext(eventContext(payload.value, connection), () => execute({ ...args, rootValue: payload.value }));
      return { value: result as ExecutionResult, done: false };
    } catch (error) {
      await close();
      throw error;
    }
  };
  const events: Events = {
    next: () => Promise.race([nextEvent(), stopped]),
    return: close,
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return events;
    },
    [Symbol.asyncDispose]: async () => {
      await close();
    },
  };
  return events;
}
