import { buildSchema, GraphQLFieldResolver, GraphQLInputType, GraphQLResolveInfo } from 'graphql';
import { DomainError } from '../errors/domain-error';
import { canonicalIds, checkIdArguments, findMalformedId } from './id-arguments';

const schema = buildSchema(`
  input Row { projectId: ID! kpiKey: String! weight: Float }
  input Filter { programId: ID tenants: [ID!] text: String }
  type Query { q(id: ID, rows: [Row!], filter: Filter, name: String): Int }
`);
const arg = (name: string) =>
  schema
    .getQueryType()
    ?.getFields()
    .q.args.find((a) => a.name === name)?.type as GraphQLInputType;
const ID = '0b8f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a00';

describe('malformed ids', () => {
  it('accepts UUIDs in any case, and absent optional ids', () => {
    expect(findMalformedId(arg('id'), ID, 'id', 'id')).toBeNull();
    expect(findMalformedId(arg('id'), ID.toUpperCase(), 'id', 'id')).toBeNull();
    expect(findMalformedId(arg('id'), null, 'id', 'id')).toBeNull();
    expect(findMalformedId(arg('filter'), { text: 'x' }, 'filter', 'filter')).toBeNull();
  });

  it('finds one in an argument, an input field or a list element, naming the field', () => {
    expect(findMalformedId(arg('id'), 'not-an-id', 'id', 'id')).toEqual({ path: 'id', field: 'id' });
    expect(findMalformedId(arg('id'), `${ID} `, 'id', 'id')).toEqual({ path: 'id', field: 'id' });
    expect(findMalformedId(arg('filter'), { programId: '42' }, 'filter', 'filter')).toEqual({ path: 'filter.programId', field: 'programId' });
    expect(findMalformedId(arg('filter'), { tenants: [ID, 'x'] }, 'filter', 'filter')).toEqual({ path: 'filter.tenants[1]', field: 'tenants', index: 1 });
    const rows = [
      { projectId: ID, kpiKey: 'a' },
      { projectId: ID, kpiKey: 'not-an-id' },
      { projectId: '12345', kpiKey: 'b' },
    ];
    expect(findMalformedId(arg('rows'), rows, 'rows', 'rows')).toEqual({ path: 'rows[2].projectId', field: 'projectId', index: 2 });
  });

  it('leaves other strings alone', () => {
    expect(findMalformedId(arg('name'), 'not-an-id', 'name', 'name')).toBeNull();
  });

  it('lowercases every id, wherever it sits, and nothing else', () => {
    const upper = ID.toUpperCase();
    expect(canonicalIds(arg('id'), upper)).toBe(ID);
    expect(canonicalIds(arg('filter'), { programId: upper, tenants: [upper, ID], text: 'ABC' })).toEqual({ programId: ID, tenants: [ID, ID], text: 'ABC' });
    expect(canonicalIds(arg('rows'), [{ projectId: upper, kpiKey: 'KEY' }])).toEqual([{ projectId: ID, kpiKey: 'KEY' }]);
    expect(canonicalIds(arg('name'), 'NAME')).toBe('NAME');
    expect(canonicalIds(arg('filter'), null)).toBeNull();
  });
});

describe('checkIdArguments', () => {
  const built = () => {
    const s = buildSchema(`
      input Row { projectId: ID! kpiKey: String! }
      type Query { q(id: ID, rows: [Row!]): Int  me: Int  named(name: String): Int }
      type Mutation { m(rows: [Row!]!): Int }
      type Subscription { s(projectId: ID!): Int }
    `);
    const seen: unknown[] = [];
    const record: GraphQLFieldResolver<unknown, unknown> = (_source, args) => seen.push(args);
    for (const type of [s.getQueryType(), s.getMutationType()]) for (const field of Object.values(type?.getFields() ?? {})) field.resolve = record;
    const subscription = s.getSubscriptionType()?.getFields().s;
    if (subscription) subscription.subscribe = record;
    return { schema: checkIdArguments(s), seen, record };
  };
  const info = {} as GraphQLResolveInfo;
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return { code: (error as DomainError).code, message: (error as Error).message };
    }
    return null;
  };

  it('refuses a malformed id before the resolver runs, wherever the root field is', () => {
    const { schema, seen } = built();
    const q = schema.getQueryType()?.getFields().q;
    const m = schema.getMutationType()?.getFields().m;
    const s = schema.getSubscriptionType()?.getFields().s;
    expect(codeOf(() => q?.resolve?.(null, { id: 'nope' }, {}, info))).toEqual({ code: 'BAD_USER_INPUT', message: 'id is not a valid id' });
    expect(
      codeOf(() =>
        m?.resolve?.(
          null,
          {
            rows: [
              { projectId: ID, kpiKey: 'a' },
              { projectId: '1', kpiKey: 'b' },
            ],
          },
          {},
          info,
        ),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'rows[1].projectId is not a valid id',
    });
    expect(codeOf(() => s?.subscribe?.(null, { projectId: 'x' }, {}, info))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(seen).toEqual([]);
  });

  it('hands the resolver its ids lowercased', () => {
    const { schema, seen } = built();
    schema
      .getQueryType()
      ?.getFields()
      .q.resolve?.(null, { id: ID.toUpperCase(), rows: [{ projectId: ID.toUpperCase(), kpiKey: 'K' }] }, {}, info);
    expect(seen).toEqual([{ id: ID, rows: [{ projectId: ID, kpiKey: 'K' }] }]);
  });

  it('leaves fields that take no id as they were', () => {
    const { schema, record } = built();
    expect(schema.getQueryType()?.getFields().me.resolve).toBe(record);
    expect(schema.getQueryType()?.getFields().named.resolve).toBe(record);
  });
});
