// One rule for every id the API takes, all UUIDs: a malformed one is the caller's mistake,
// answered BAD_USER_INPUT naming the field before any resolver runs, wherever it sits (a
// lookup's argument, an input field, a list element). A well-formed id that names nothing
// the caller may see is left to the field, which answers as it documents (null or
// NOT_FOUND), so a malformed id never reads like a missing row, nor the other way round.
import { getNamedType, getNullableType, GraphQLArgument, GraphQLInputType, GraphQLSchema, isInputObjectType, isListType } from 'graphql';
import { badInput, isUuid } from '../errors/domain-error';

export interface MalformedId {
  /** Where it sits, as the client wrote it: `inputs[1].projectId`. */
  path: string;
  /** The argument or input field that holds it. */
  field: string;
  /** Its position in the nearest enclosing list, if any. */
  index?: number;
}

/** The first malformed id in `value`, a value of `type`, or null. */
export function findMalformedId(type: GraphQLInputType, value: unknown, path: string, field: string, index?: number): MalformedId | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const found = findMalformedId(nullable.ofType, item, `${path}[${i}]`, field, i);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    for (const inner of Object.values(nullable.getFields())) {
      const found = findMalformedId(inner.type, (value as Record<string, unknown>)[inner.name], `${path}.${inner.name}`, inner.name, index);
      if (found) return found;
    }
    return null;
  }
  if (getNamedType(nullable).name === 'ID' && !(typeof value === 'string' && isUuid(value))) return { path, field, ...(index === undefined ? {} : { index }) };
  return null;
}

/**
 * `value` with every id in it lowercased: PostgreSQL compares uuids in any letter case, so
 * everything keyed by an id in JavaScript (loaders, maps, subscriptions, audit entries)
 * must see one spelling, the database's.
 */
export function canonicalIds(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return (Array.isArray(value) ? value : [value]).map((item) => canonicalIds(nullable.ofType, item));
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, fields[key] ? canonicalIds(fields[key].type, inner) : inner]),
    );
  }
  return getNamedType(nullable).name === 'ID' && typeof value === 'string' ? value.toLowerCase() : value;
}

/** Whether a value of `type` can hold an id anywhere (an ID, or an input object or list holding one). */
function mayHoldId(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named)) return false;
  seen.add(named);
  return Object.values(named.getFields()).some((field) => mayHoldId(field.type, seen));
}

/** What checks the values of `args` (BAD_USER_INPUT at the first malformed id) and lowercases their ids, in place; none when no argument can hold an id. */
function checker(args: readonly GraphQLArgument[]): ((values: Record<string, unknown>) => void) | undefined {
  const withIds = args.filter((arg) => mayHoldId(arg.type));
  if (!withIds.length) return undefined;
  return (values) => {
    for (const arg of withIds) {
      const found = findMalformedId(arg.type, values[arg.name], arg.name, arg.name);
      if (found) throw badInput(`${found.path} is not a valid id`, { field: found.field, ...(found.index === undefined ? {} : { index: found.index }) });
      if (arg.name in values) values[arg.name] = canonicalIds(arg.type, values[arg.name]);
    }
  };
}

/**
 * Checks the arguments of every query, mutation and subscription (field resolvers take
 * none that are ids) before the field's resolver runs, and lowercases their ids: each
 * root field's resolve (a subscription's subscribe) is wrapped, in place, once. A plain
 * function rather than a Nest interceptor: an interceptor would put every root field
 * of every request through Nest's observable chain, a fair share of a small query's CPU
 * (docs/benchmarks.md, "Read path"); a field with no id argument is not wrapped at all.
 */
export function checkIdArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const check = checker(field.args);
      const resolve = field.resolve;
      if (!check || !resolve) continue;
      field.resolve = (source, args, context, info) => {
        check(args);
        return resolve(source, args, context, info);
      };
    }
  }
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const check = checker(field.args);
    const subscribe = field.subscribe;
    if (!check || !subscribe) continue;
    field.subscribe = (source, args, context, info) => {
      check(args);
      return subscribe(source, args, context, info);
    };
  }
  return schema;
}
