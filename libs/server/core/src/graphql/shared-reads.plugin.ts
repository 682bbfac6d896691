// Over HTTP (an Apollo plugin): a query operation's reads share one read-only
// transaction (database/request-reads), ended once its response is ready. The COMMIT of
// a read-only transaction changes nothing, so the response does not wait for it.
import type { OperationDefinitionNode } from 'graphql';
import { finishReads, shareReads } from '../database/request-reads';
import { peekContext } from '../tenancy/request-context';

export const sharedReadsPlugin = {
  async requestDidStart() {
    const context = peekContext();
    return {
      async didResolveOperation({ operation }: { operation?: OperationDefinitionNode | null }) {
        if (context && operation?.operation === 'query') shareReads(context);
      },
      async willSendResponse() {
        void finishReads(context);
      },
    };
  },
};
