// What a query selects below a field, for a resolver that loads ahead what will be asked.
import { FieldNode, GraphQLResolveInfo, Kind } from 'graphql';

/**
 * The names of the fields selected at `path` below the field being resolved (`['edges',
 * 'node']`: a connection's rows), across aliases. Empty when a fragment stands anywhere
 * on the way: then nothing is assumed.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes'>, path: readonly string[]): Set<string> {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const step of [...path, undefined]) {
    const next: FieldNode[] = [];
    for (const node of level) {
      for (const selection of node.selectionSet?.selections ?? []) {
        if (selection.kind !== Kind.FIELD) return new Set();
        if (step === undefined || selection.name.value === step) next.push(selection);
      }
    }
    if (step === undefined) return new Set(next.map((node) => node.name.value));
    level = next;
  }
  return new Set();
}
