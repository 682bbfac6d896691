import { statementsInRequest, transactionsInRequest } from '../database/statement-counter';

interface SingleResponse {
  response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } };
}

/**
 * Adds extensions.sqlStatements and sqlTransactions to every response (never enabled in
 * production). A query's shared reads commit after the response, uncounted.
 */
export const statementCountPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: SingleResponse) {
        const result = response.body.singleResult;
        if (response.body.kind !== 'single' || !result) return;
        result.extensions = { ...result.extensions, sqlStatements: statementsInRequest(), sqlTransactions: transactionsInRequest() };
      },
    };
  },
};
