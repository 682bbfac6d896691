// The client: HTTP for queries and mutations, graphql-ws for subscriptions, a normalized
// cache (a rollup pushed by kpiRollupUpdated updates every view that shows it, by its id)
// and Relay-style pagination of the projects connection. An expired or ended session
// (UNAUTHENTICATED, or the socket closed with 4401/4403) returns to sign in.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { getToken } from './session';

export function createApolloClient(onSessionEnded: () => void): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    const token = getToken();
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
    }));
    return forward(operation);
  });
  const errors = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onSessionEnded();
  });
  const http = new HttpLink({ uri: '/graphql' });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: () => {
        const token = getToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      lazy: true,
      retryAttempts: 5,
      shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event.code === 4401 || event.code === 4403)),
      on: {
        closed: (event) => {
          const code = (event as { code?: number }).code;
          if ((code === 4401 || code === 4403) && getToken()) onSessionEnded();
        },
      },
    }),
  );
  const transport = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, ws, http);
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, transport]),
    cache: createCache(),
  });
}

/**
 * Rollups are normalized by their stable id (one per tenant, KPI and period), so a figure
 * kpiRollupUpdated delivers replaces the one every view shows; the projects' pages are
 * one list per tenant, filter and sort.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: { fields: { projects: relayStylePagination(['tenantId', 'filter', 'sort']) } },
      // No id: a tenant's figures for the period it was asked about.
      ReportingSummary: { keyFields: false },
      RollupFreshness: { keyFields: false },
    },
  });
}
