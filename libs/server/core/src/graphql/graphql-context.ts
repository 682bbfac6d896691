// The GraphQL context. Over HTTP the tenant context is entered by middleware; over
// WebSocket there is no request to hang it on, so the connection's context travels in
// the GraphQL context: `executeInContext` enters it for a query or mutation sent over the
// socket, `subscribeInContext` for the subscription and, afresh, for each event's
// execution (its own loaders, its own transactions, as if each event were a request).
import { execute, ExecutionArgs, ExecutionResult, subscribe } from 'graphql';
import { ClosableSocket } from '../security/session-events';
import { RequestContext, runWithContext } from '../tenancy/request-context';

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

export function executeInContext(args: ExecutionArgs) {
  const connection = connectionOf(args);
  if (!connection) return execute(args);
  return runWithContext({ requestId: connection.requestId, actor: connection.actor }, () => execute(args));
}

export async function subscribeInContext(args: ExecutionArgs): Promise<Events | ExecutionResult> {
  const connection = connectionOf(args);
  if (!connection) return subscribe(args);
  const fresh = (): RequestContext => ({ requestId: connection.requestId, actor: connection.actor });
  const result = await runWithContext(fresh(), () => subscribe(args));
  if (!(Symbol.asyncIterator in result)) return result;
  const events = result as Events;
  // return() ends the stream at once: a source generator waiting for its next event would
  // otherwise hold its return() (and graphql-ws its onComplete, its onClose and the
  // subscription's place) until that event came. A waiting next() then answers done.
  const done: IteratorReturnResult<void> = { done: true, value: undefined };
  let stop!: () => void;
  const stopped = new Promise<IteratorReturnResult<void>>((resolve) => (stop = () => resolve(done)));
  const end = () => {
    stop();
    void events.return().catch(() => undefined);
    return Promise.resolve(done);
  };
  // Each event is executed inside next(): entering the context there covers its resolvers.
  const inContext: Events = {
    next: () => Promise.race([runWithContext(fresh(), () => events.next()), stopped]),
    return: end,
    throw: (error: unknown) => {
      stop();
      return events.throw(error);
    },
    [Symbol.asyncIterator]() {
      return inContext;
    },
    [Symbol.asyncDispose]: async () => {
      await end();
    },
  };
  return inContext;
}
