// What a field's selection asks for, for a resolver that can answer a narrow one cheaply.
import { GraphQLResolveInfo, Kind } from 'graphql';

/**
 * Whether the field's selection holds only `fields` (and __typename), with no fragment:
 * anything else (a fragment, a field not named) may need more, and answers false.
 */
export function selectsOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes'>, fields: readonly string[]): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) => selection.kind === Kind.FIELD && (selection.name.value === '__typename' || fields.includes(selection.name.value)),
    ),
  );
}
