import { buildSchema, getIntrospectionQuery, GraphQLError, parse } from 'graphql';
import { MAX_TOKENS } from './limits';
import { prepareOperation, selectOperation } from './operation-guard';

const schema = buildSchema(`
  type Node { id: ID! name: String children: [Node!]! }
  type NodeEdge { node: Node! }
  type NodeConnection { edges: [NodeEdge!]! }
  type Query { me: Node nodes(first: Int): NodeConnection! }
`);

const failures = (query: string, production = false, operationName?: string) => {
  const prepared = prepareOperation(schema, { query, operationName }, production);
  return Array.isArray(prepared) ? prepared.map((error) => ({ message: error.message, ...error.extensions, http: undefined })) : 'prepared';
};

describe('prepareOperation (the WebSocket side of the one validation path)', () => {
  it('codes a syntax error and a document over the token cap as Apollo codes parse errors', () => {
    expect(failures('{ me { id ')).toEqual([{ message: expect.stringMatching(/^Syntax Error/), code: 'GRAPHQL_PARSE_FAILED', http: undefined }]);
    const flood = `{ ${Array.from({ length: MAX_TOKENS }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(failures(flood)).toEqual([{ message: expect.stringMatching(/more tha[nt] 2000 tokens/), code: 'GRAPHQL_PARSE_FAILED', http: undefined }]);
  });

  it('codes validation errors as Apollo does, keeping what our rules add (cost, budget)', () => {
    expect(failures('{ me { zzz } }')).toEqual([{ message: 'Cannot query field "zzz" on type "Node".', code: 'GRAPHQL_VALIDATION_FAILED', http: undefined }]);
    const pages = `{ ${Array.from({ length: 24 }, (_, i) => `p${i}: nodes(first: 1000) { edges { node { id name } } }`).join(' ')} }`;
    expect(failures(pages)).toEqual([
      {
        message: expect.stringMatching(/^Query too expensive/),
        code: 'GRAPHQL_VALIDATION_FAILED',
        cost: expect.any(Number),
        budget: expect.any(Number),
        http: undefined,
      },
    ]);
  });

  it('refuses several operations unless operationName selects one', () => {
    const two = 'query A { me { id } } query B { me { name } }';
    expect(failures(two)).toEqual([{ message: 'Must provide operation name if query contains multiple operations.', code: 'BAD_USER_INPUT', http: undefined }]);
    expect(failures(two, false, 'C')).toEqual([{ message: 'Unknown operation named "C".', code: 'BAD_USER_INPUT', http: undefined }]);
    const prepared = prepareOperation(schema, { query: two, operationName: 'B' }, false);
    expect(Array.isArray(prepared) ? prepared : prepared.operation.name?.value).toBe('B');
  });

  it('serves introspection in development and refuses it in production, once per introspection field', () => {
    expect(failures(getIntrospectionQuery())).toBe('prepared');
    expect(failures(getIntrospectionQuery(), true)).toEqual([
      {
        message: 'GraphQL introspection has been disabled, but the requested query contained the field "__schema".',
        code: 'GRAPHQL_VALIDATION_FAILED',
        http: undefined,
      },
    ]);
    expect(failures('{ __type(name: "Node") { name } __typename }', true)).toHaveLength(1);
    expect(failures('{ __typename me { id } }', true)).toBe('prepared');
  });
});

describe('selectOperation (both transports)', () => {
  it('answers 400 BAD_USER_INPUT over HTTP when no operation is selected', () => {
    try {
      selectOperation(parse('query A { me { id } } query B { me { id } }'), undefined);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    }
    expect(selectOperation(parse('{ me { id } }'), undefined).operation).toBe('query');
  });
});
