// The one path every GraphQL operation takes before it runs, over HTTP (Apollo) and over
// WebSocket (graphql-ws) alike: the same parse options (a token cap), the same validation
// rules (graphql's, our limits and cost, no introspection in production), one operation
// per request, errors with the codes Apollo gives them (formatted by the same formatError),
// and the same per-user limits on operations in flight and subscriptions.
import type { ServerOptions, SubscribePayload } from 'graphql-ws';
import {
  DocumentNode,
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  parse,
  ParseOptions,
  SchemaMetaFieldDef,
  specifiedRules,
  TypeMetaFieldDef,
  validate,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { peekContext } from '../tenancy/request-context';
import { executeInContext, GraphqlWsExtra, subscribeInContext } from './graphql-context';
import { DEFAULT_LIMITS, MAX_TOKENS } from './limits';
import { OperationLimiter } from './operation-limiter';
import { operationCost, queryLimitsRule } from './query-limits';

export const graphqlParseOptions: ParseOptions = { maxTokens: MAX_TOKENS };

/**
 * Production: no introspection. graphql's NoSchemaIntrospectionCustomRule refuses the same
 * fields (those of type __Schema or __Type) but once per field, 39 errors for GraphiQL's
 * query; this one refuses __schema and __type themselves, once each, in its words.
 */
export function noIntrospectionRule(context: ValidationContext) {
  return {
    Field() {
      const field = context.getFieldDef();
      if (field !== SchemaMetaFieldDef && field !== TypeMetaFieldDef) return undefined;
      context.reportError(new GraphQLError(`GraphQL introspection has been disabled, but the requested query contained the field "${field.name}".`));
      return false;
    },
  };
}

/**
 * Our rules, run after graphql's specifiedRules. Introspection fields never count for depth:
 * in development GraphiQL's query needs 15 levels; in production they are refused outright
 * (one clear error rather than a second one about depth).
 */
export function graphqlValidationRules(production: boolean): ValidationRule[] {
  return [queryLimitsRule(DEFAULT_LIMITS, { introspectionDepthExempt: true }), ...(production ? [noIntrospectionRule] : [])];
}

// What Apollo runs over HTTP: graphql's specifiedRules, then ours.
const allRules = { production: [...specifiedRules, ...graphqlValidationRules(true)], development: [...specifiedRules, ...graphqlValidationRules(false)] };

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** The operation to run: the only one, or the one operationName names. */
export function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName);
  if (operation) return operation;
  if (operationName) throw badRequest(`Unknown operation named "${operationName}".`);
  const count = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
  throw badRequest(count ? 'Must provide operation name if query contains multiple operations.' : 'Must provide an operation.');
}

/** Production hides the schema: no "Did you mean …?" naming fields the caller did not ask for (as Apollo's hideSchemaDetailsFromClientErrors over HTTP). */
export const withoutSuggestions = (message: string) => message.replace(/ Did you mean .+\?$/, '');

// The codes Apollo gives parse and validation errors over HTTP (formatError maps both to BAD_USER_INPUT).
const coded = (error: GraphQLError, code: string, production = false) =>
  new GraphQLError(production ? withoutSuggestions(error.message) : error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error,
    extensions: { ...error.extensions, code },
  });

/** Parses, validates and selects the operation as Apollo does over HTTP: the document, or the errors to answer. */
export function prepareOperation(
  schema: GraphQLSchema,
  payload: Pick<SubscribePayload, 'query' | 'operationName'>,
  production: boolean,
): { document: DocumentNode; operation: OperationDefinitionNode } | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, graphqlParseOptions);
  } catch (error) {
    return [coded(error instanceof GraphQLError ? error : new GraphQLError(String(error)), 'GRAPHQL_PARSE_FAILED')];
  }
  const invalid = validate(schema, document, production ? allRules.production : allRules.development);
  if (invalid.length) return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED', production));
  try {
    return { document, operation: selectOperation(document, payload.operationName) };
  } catch (error) {
    return [error as GraphQLError];
  }
}

const signedInUser = () => {
  const actor = peekContext()?.actor;
  return actor?.kind === 'user' ? actor.userId : undefined;
};

// What the plugin reads of Apollo's request context (typed here: Nest's Apollo is the ESM
// build, this library compiles against the CommonJS one, and their types do not mix).
interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  request: { operationName?: string | null };
}

/** HTTP (an Apollo plugin): one operation per request, no subscription, and a signed-in user's place in flight from operation resolved to response sent. */
export function httpOperationGuard(limiter: OperationLimiter) {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ schema, document, request }: ResolvedOperation) {
          const operation = selectOperation(document, request.operationName);
          if (operation.operation === 'subscription') throw badRequest('Subscriptions are served over WebSocket (graphql-ws) on this path, not over HTTP.');
          const userId = signedInUser();
          if (userId) release = await limiter.acquire(userId, operationCost(schema, document, operation));
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}

type WsGuard = Required<Pick<ServerOptions<Record<string, unknown>, GraphqlWsExtra>, 'onSubscribe' | 'onComplete' | 'onClose' | 'execute' | 'subscribe'>>;

/**
 * WebSocket: graphql-ws hooks that parse and validate exactly as HTTP does, hold a place in
 * flight for a query or mutation until its execution ends (not until the socket closes,
 * which would let a client free places while its work still runs), and a subscription's
 * place until it completes or its socket closes.
 */
export function wsOperationGuard(options: { schema: () => GraphQLSchema; production: boolean; limiter: OperationLimiter }): WsGuard {
  const { limiter, production } = options;
  const inFlight = new WeakMap<ExecutionArgs, () => void>();
  const subscriptions = new WeakMap<object, Map<string, () => void>>();
  const subscriptionsOf = (connection: object) => {
    const open = subscriptions.get(connection) ?? new Map<string, () => void>();
    subscriptions.set(connection, open);
    return open;
  };

  return {
    async onSubscribe(ctx, id, payload) {
      const schema = options.schema();
      const prepared = prepareOperation(schema, payload, production);
      if (Array.isArray(prepared)) return prepared;
      const args: ExecutionArgs = { schema, document: prepared.document, operationName: payload.operationName, variableValues: payload.variables };
      const actor = ctx.extra.requestContext?.actor;
      // onConnect admits signed-in users only; anything else has nothing to count against.
      if (actor?.kind !== 'user') return args;
      try {
        if (prepared.operation.operation === 'subscription') subscriptionsOf(ctx).set(id, limiter.subscribe(actor.userId, ctx));
        else inFlight.set(args, await limiter.acquire(actor.userId, operationCost(schema, prepared.document, prepared.operation)));
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return args;
    },
    async execute(args) {
      try {
        return await executeInContext(args);
      } finally {
        inFlight.get(args)?.();
      }
    },
    subscribe: subscribeInContext,
    onComplete(ctx, id) {
      const open = subscriptionsOf(ctx);
      open.get(id)?.();
      open.delete(id);
    },
    onClose(ctx) {
      for (const release of subscriptionsOf(ctx).values()) release();
      subscriptions.delete(ctx);
    },
  };
}
