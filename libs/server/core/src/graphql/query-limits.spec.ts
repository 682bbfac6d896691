import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_LIMITS, queryLimitsRule } from './query-limits';

const schema = buildSchema(`
  type Node { id: ID! name: String parent: Node children: [Node!]! }
  type Query { node(id: ID): Node me: Node }
`);

const LIMITS = { maxDepth: 4, maxAliases: 3, maxFields: 12 };

function errors(query: string, limits = LIMITS) {
  return validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits)]).map((error) => ({
    message: error.message,
    code: error.extensions.code,
  }));
}

/** A document whose selection sets nest `levels` deep: { me { parent { … { id } … } } }. */
const nested = (levels: number) => `{ me ${'{ parent '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;

describe('queryLimitsRule', () => {
  it('accepts a document within every limit', () => {
    expect(errors('{ a: node { id name } b: me { id parent { id } } }')).toEqual([]);
  });

  it('counts depth down nested selections, at the limit and one past it', () => {
    expect(errors(nested(4))).toEqual([]);
    expect(errors(nested(5))).toEqual([
      { message: 'Query too complex: nested 5 levels deep (limit 4)', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('counts aliases', () => {
    expect(errors('{ a: me { id } b: me { id } c: me { id } }')).toEqual([]);
    expect(errors('{ a: me { id } b: me { id } c: me { id } d: me { id } }')).toEqual([
      { message: 'Query too complex: uses 4 aliases (limit 3)', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('counts every selected field', () => {
    expect(errors('{ me { id name parent { id name } children { id name } } node { id name } }')).toEqual([]);
    const many = errors('{ me { id name parent { id name } children { id name } } node { id name id } }');
    expect(many).toEqual([{ message: 'Query too complex: selects 13 fields (limit 12)', code: 'BAD_USER_INPUT' }]);
  });

  it('follows fragments and inline fragments as if they were written in place', () => {
    const viaFragment = `
      query { node { ...Deep } }
      fragment Deep on Node { parent { ... on Node { parent { parent { id } } } } }`;
    expect(errors(viaFragment)).toEqual([{ message: 'Query too complex: nested 5 levels deep (limit 4)', code: 'BAD_USER_INPUT' }]);
    const aliasesInFragment = `
      query { me { ...A } node { ...A } }
      fragment A on Node { x: id y: name }`;
    expect(errors(aliasesInFragment)).toEqual([{ message: 'Query too complex: uses 4 aliases (limit 3)', code: 'BAD_USER_INPUT' }]);
  });

  it('reports every limit a document breaks in one message', () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: me { parent { parent { parent { parent { id } } } } }`).join(' ');
    const [error] = errors(`{ ${aliases} }`);
    expect(error.message).toMatch(/nested 6 levels deep.*uses 5 aliases.*selects 30 fields/);
  });

  it('defaults to limits that let ordinary queries through and refuse floods', () => {
    expect(errors('{ me { id name parent { id } children { id name children { id } } } }', DEFAULT_LIMITS)).toEqual([]);
    const flood = Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(errors(`{ ${flood} }`, DEFAULT_LIMITS)[0].code).toBe('BAD_USER_INPUT');
    expect(errors(nested(DEFAULT_LIMITS.maxDepth), DEFAULT_LIMITS)).toEqual([]);
    expect(errors(nested(30), DEFAULT_LIMITS)[0].code).toBe('BAD_USER_INPUT');
  });
});
