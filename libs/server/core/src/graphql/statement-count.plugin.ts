import { statementsInRequest } from '../database/statement-counter';

interface SingleResponse {
  response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } };
}

/** Adds extensions.sqlStatements to every response (never enabled in production). */
export const statementCountPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: SingleResponse) {
        const result = response.body.singleResult;
        if (response.body.kind !== 'single' || !result) return;
        result.extensions = { ...result.extensions, sqlStatements: statementsInRequest() };
      },
    };
  },
};
