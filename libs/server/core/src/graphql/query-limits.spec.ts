import { buildSchema, DefinitionNode, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_LIMITS, LIST_SIZE, MAX_TOKENS, PAGE_CAP, QueryLimits } from './limits';
import { measureOperations, queryLimitsRule } from './query-limits';

const schema = buildSchema(`
  type Node { id: ID! name: String parent: Node children: [Node!]! }
  type NodeEdge { cursor: String! node: Node! }
  type NodeConnection { totalCount: Int! edges: [NodeEdge!]! }
  type Query { node(id: ID): Node me: Node nodes(first: Int, after: String): NodeConnection! log(first: Int! = 50): NodeConnection! }
`);

const LIMITS: QueryLimits = { maxDepth: 4, maxAliases: 3, maxFields: 12, maxCost: 1_000_000 };

function errors(query: string, limits = LIMITS, options = {}) {
  return validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits, options)]).map((error) => ({
    message: error.message,
    code: error.extensions.code,
  }));
}

const costOf = (query: string) => measureOperations(schema, parse(query)).map((measured) => measured.cost);

/** A document whose selection sets nest `levels` deep: { me { parent { … { id } … } } }. */
const nested = (levels: number) => `{ me ${'{ parent '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;

describe('queryLimitsRule', () => {
  it('accepts a document within every limit', () => {
    expect(errors('{ a: node { id name } b: me { id parent { id } } }')).toEqual([]);
  });

  it('counts depth down nested selections, at the limit and one past it', () => {
    expect(errors(nested(4))).toEqual([]);
    expect(errors(nested(5))).toEqual([{ message: 'Query too complex: nested 5 levels deep (limit 4)', code: 'BAD_USER_INPUT' }]);
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

  it('estimates cost: a page multiplies the list in it by first, a list without first counts LIST_SIZE items', () => {
    // nodes 1 + totalCount 1 + edges 10 × (edge 1 + node 1 + id 1 + children LIST_SIZE × (1 + id 1))
    expect(costOf('{ nodes(first: 10) { totalCount edges { node { id children { id } } } } }')).toEqual([2 + 10 * (3 + LIST_SIZE * 2)]);
    expect(costOf('{ me { id children { id children { id } } } }')).toEqual([2 + LIST_SIZE * (2 + LIST_SIZE * 2)]);
  });

  it('counts a page whose size the document does not fix as the page cap, or as the schema default', () => {
    const page = (size: number) => 1 + size * 3;
    expect(costOf('{ nodes { edges { node { id } } } }')).toEqual([page(PAGE_CAP)]);
    expect(costOf('query($n: Int) { nodes(first: $n) { edges { node { id } } } }')).toEqual([page(PAGE_CAP)]);
    expect(costOf('{ nodes(first: 1000000) { edges { node { id } } } }')).toEqual([page(PAGE_CAP)]);
    expect(costOf('{ log { edges { node { id } } } }')).toEqual([page(50)]);
  });

  it('follows fragments for cost, with the page size of the place they are spread in', () => {
    const viaFragments = `
      { a: nodes(first: 10) { ...Page } b: nodes(first: 20) { ...Page } }
      fragment Page on NodeConnection { edges { ...Edge } }
      fragment Edge on NodeEdge { node { id } }`;
    expect(costOf(viaFragments)).toEqual([1 + 10 * 3 + 1 + 20 * 3]);
  });

  it('refuses a document over the cost budget, saying the cost and the budget', () => {
    const twoPages = '{ a: nodes(first: 1000) { edges { node { id } } } b: nodes(first: 1000) { edges { node { id } } } }';
    const result = validate(schema, parse(twoPages), [queryLimitsRule({ ...DEFAULT_LIMITS, maxCost: 5000 })]);
    expect(result.map((error) => ({ message: error.message, extensions: error.extensions }))).toEqual([
      {
        message: 'Query too expensive: estimated cost 6002 is over the budget of 5000 (a page counts its `first` items, 1000 when not given)',
        extensions: { code: 'BAD_USER_INPUT', cost: 6002, budget: 5000 },
      },
    ]);
  });

  it('measures each operation of a document on its own', () => {
    expect(costOf('query A { me { id } } query B { nodes(first: 2) { edges { node { id } } } }')).toEqual([2, 7]);
  });

  it('reads the definitions of a document once, not once per operation', () => {
    const document = parse(`${Array.from({ length: 5000 }, (_, i) => `query Q${i} { me { ...F } }`).join('\n')}\nfragment F on Node { id name }`);
    let reads = 0;
    const definitions = new Proxy(document.definitions as DefinitionNode[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(validate(schema, { ...document, definitions }, [queryLimitsRule()])).toEqual([]);
    expect(reads).toBeLessThan(3 * document.definitions.length);
  });

  it('validates a document of 20,000 operations in linear time', () => {
    const operations = (count: number) =>
      parse(`${Array.from({ length: count }, (_, i) => `query Q${i} { me { ...F } }`).join('\n')}\nfragment F on Node { id name }`);
    // The best of three runs of each size, compared with each other: a ratio holds on a busy
    // machine where a time limit would not. Four times the operations take about four times
    // as long when linear; the quadratic rule took sixteen (0.5 s against 7.5 s).
    const fastest = (count: number) => {
      const document = operations(count);
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        expect(validate(schema, document, [queryLimitsRule()])).toEqual([]);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    expect(fastest(20_000) / fastest(5_000)).toBeLessThan(8);
  });

  it('measures each fragment once: 2^24 expansions are counted, not walked', () => {
    const chain = Array.from({ length: 24 }, (_, i) => `fragment F${i} on Node { parent { ...F${i + 1} } children { ...F${i + 1} } }`);
    const document = parse(`{ me { ...F0 } }\n${chain.join('\n')}\nfragment F24 on Node { id }`);
    const started = performance.now();
    const [error] = validate(schema, document, [queryLimitsRule()]);
    // Walking them took 68 s; counting them takes milliseconds.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error.message).toMatch(/^Query too complex: .*selects \d+ fields/);
  }, 30_000);

  it('exempts introspection fields from the depth limit only when asked (development), never from the others', () => {
    const introspection = getIntrospectionQuery();
    expect(errors(introspection, DEFAULT_LIMITS, { introspectionDepthExempt: true })).toEqual([]);
    expect(errors(introspection, DEFAULT_LIMITS)[0].message).toMatch(/nested \d+ levels deep/);
    const hidden = `{ __type(name: "Node") { name } ${nested(DEFAULT_LIMITS.maxDepth + 1).slice(1, -1)} }`;
    expect(errors(hidden, DEFAULT_LIMITS, { introspectionDepthExempt: true })[0].message).toMatch(/nested \d+ levels deep/);
    const expensive = `{ ${Array.from({ length: 20 }, (_, i) => `t${i}: __schema { types { fields { args { type { fields { name } } } } } }`).join(' ')} }`;
    expect(errors(expensive, DEFAULT_LIMITS, { introspectionDepthExempt: true })[0].message).toMatch(/^Query too expensive/);
  });

  it("lets graphql's standard introspection query through the token cap with a wide margin", () => {
    const tokens = (query: string) => {
      try {
        parse(query, { maxTokens: MAX_TOKENS });
        return 'parsed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(
      tokens(
        getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
      ),
    ).toBe('parsed');
    const fiveFold = Array.from({ length: 5 }, (_, i) =>
      getIntrospectionQuery()
        .replace('query IntrospectionQuery', `query I${i}`)
        .replace(/fragment (\w+)/g, `fragment $1${i}`)
        .replace(/\.\.\.(\w+)/g, `...$1${i}`),
    ).join('\n');
    expect(tokens(fiveFold)).toBe('parsed');
    expect(tokens(`{ ${Array.from({ length: MAX_TOKENS }, (_, i) => `a${i}: id`).join(' ')} }`)).toMatch(/Document contains more tha[nt] \d+ tokens/);
  });
});
