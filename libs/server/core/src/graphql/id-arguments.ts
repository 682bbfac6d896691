// One rule for every id the API takes, all UUIDs: a malformed one is the caller's mistake,
// answered BAD_USER_INPUT naming the field before any resolver runs, wherever it sits (a
// lookup's argument, an input field, a list element). A well-formed id that names nothing
// the caller may see is left to the field, which answers as it documents (null or
// NOT_FOUND), so a malformed id never reads like a missing row, nor the other way round.
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { getNamedType, getNullableType, GraphQLInputType, GraphQLResolveInfo, isInputObjectType, isListType } from 'graphql';
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

/** Checks the arguments of every query, mutation and subscription (field resolvers take none that are ids), and lowercases their ids. */
@Injectable()
export class IdArgumentsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType<GqlContextType>() === 'graphql') {
      const graphql = GqlExecutionContext.create(context);
      const info = graphql.getInfo<GraphQLResolveInfo>();
      const args = graphql.getArgs<Record<string, unknown>>();
      for (const arg of info.parentType.getFields()[info.fieldName].args) {
        const found = findMalformedId(arg.type, args[arg.name], arg.name, arg.name);
        if (found) throw badInput(`${found.path} is not a valid id`, { field: found.field, ...(found.index === undefined ? {} : { index: found.index }) });
        if (arg.name in args) args[arg.name] = canonicalIds(arg.type, args[arg.name]);
      }
    }
    return next.handle();
  }
}
