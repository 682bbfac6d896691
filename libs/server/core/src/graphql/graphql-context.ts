// The GraphQL context. Over HTTP the tenant context is entered by middleware; over
// WebSocket there is no request to hang it on, so the connection's context travels in
// the GraphQL context: `executeInContext` enters it for a query or mutation sent over the
// socket, `subscribeInContext` for the subscription and, afresh, for each event's
// execution (its own loaders, its own transactions, as if each event were a request).
import { execute, ExecutionArgs, ExecutionResult, subscribe } from 'graphql';
import { RequestContext, runWithContext } from '../tenancy/request-context';

export interface GraphqlContext {
  requestContext?: RequestContext;
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
  // Each event is executed inside next(): entering the context there covers its resolvers.
  const inContext: Events = {
    next: () => runWithContext(fresh(), () => events.next()),
    return: () => events.return(),
    throw: (error: unknown) => events.throw(error),
    [Symbol.asyncIterator]() {
      return inContext;
    },
    [Symbol.asyncDispose]: async () => {
      await events.return();
    },
  };
  return inContext;
}
