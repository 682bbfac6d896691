// Validation rules that refuse expensive documents before they execute: nesting depth,
// aliases (alias flooding) and the total number of selected fields.
import { GraphQLError, Kind, ValidationContext, ASTVisitor, SelectionSetNode, FragmentDefinitionNode } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxFields: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxFields: 400 };

function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
  totals: { fields: number; aliases: number; depth: number },
): void {
  totals.depth = Math.max(totals.depth, depth);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      totals.fields++;
      if (selection.alias) totals.aliases++;
      if (selection.selectionSet) measure(selection.selectionSet, fragments, depth + 1, seen, totals);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, fragments, depth, seen, totals);
    } else {
      const fragment = fragments[selection.name.value];
      // A fragment spread twice on one path is counted once there; cycles are GraphQL's own error.
      if (fragment && !seen.has(fragment.name.value)) {
        measure(fragment.selectionSet, fragments, depth, new Set([...seen, fragment.name.value]), totals);
      }
    }
  }
}

export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const totals = { fields: 0, aliases: 0, depth: 0 };
      measure(operation.selectionSet, fragments, 1, new Set(), totals);
      const problems = [
        totals.depth > limits.maxDepth && `nested ${totals.depth} levels deep (limit ${limits.maxDepth})`,
        totals.aliases > limits.maxAliases && `uses ${totals.aliases} aliases (limit ${limits.maxAliases})`,
        totals.fields > limits.maxFields && `selects ${totals.fields} fields (limit ${limits.maxFields})`,
      ].filter(Boolean);
      if (problems.length) {
        context.reportError(
          new GraphQLError(`Query too complex: ${problems.join('; ')}`, { extensions: { code: 'BAD_USER_INPUT' } }),
        );
      }
    },
  });
}
