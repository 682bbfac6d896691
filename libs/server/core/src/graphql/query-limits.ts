// A validation rule that refuses expensive documents before they execute: nesting depth,
// aliases (alias flooding), the number of selected fields, and an estimate of the work
// (cost). Linear in the document: fragments are indexed once per document and each is
// measured once (per page size it is spread under), however often it is spread.
import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValidationContext,
} from 'graphql';
import { DEFAULT_LIMITS, LIST_SIZE, LIST_SIZES, PAGE_CAP, QueryLimits } from './limits';

export interface Measurement {
  fields: number;
  aliases: number;
  depth: number;
  cost: number;
}

export interface MeasureOptions {
  /** Let __schema and __type nest as deep as they need (GraphiQL's query is 15 levels); they still count for the rest. */
  introspectionDepthExempt?: boolean;
}

// Sums saturate: a fragment spread twice at each of 40 levels stays a readable number.
const CEILING = 1e12;
const sum = (a: number, b: number) => Math.min(CEILING, a + b);
const product = (a: number, b: number) => Math.min(CEILING, a * b);

function fieldDef(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent && parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** The items a `first` argument asks for; a variable or an absent value counts as the most it may be. */
function pageSize(node: FieldNode, argument: GraphQLArgument): number {
  const given = node.arguments?.find((arg) => arg.name.value === argument.name)?.value;
  const clamp = (value: number) => Math.max(0, Math.min(PAGE_CAP, value));
  if (given?.kind === Kind.INT) return clamp(Number(given.value));
  if (!given && typeof argument.defaultValue === 'number') return clamp(argument.defaultValue);
  return PAGE_CAP;
}

class DocumentMeasure {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, Measurement | 'measuring'>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly options: MeasureOptions,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  operation(operation: OperationDefinitionNode): Measurement {
    return this.selections(operation.selectionSet, this.schema.getRootType(operation.operation) ?? undefined, undefined);
  }

  /** `page`: the size of the page this selection set belongs to (a connection's edges are that long). */
  private selections(set: SelectionSetNode, parent: GraphQLNamedType | undefined, page: number | undefined): Measurement {
    const total: Measurement = { fields: 0, aliases: 0, depth: 1, cost: 0 };
    const merge = (part: Measurement) => {
      total.fields = sum(total.fields, part.fields);
      total.aliases = sum(total.aliases, part.aliases);
      total.depth = Math.max(total.depth, part.depth);
      total.cost = sum(total.cost, part.cost);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) merge(this.field(selection, parent, page));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        merge(this.selections(selection.selectionSet, type ?? undefined, page));
      } else merge(this.fragment(selection.name.value, page));
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, page: number | undefined): Measurement {
    const def = fieldDef(this.schema, parent, node.name.value);
    let items = 1;
    let innerPage: number | undefined;
    if (def) {
      const list = isListType(getNullableType(def.type));
      const first = def.args.find((arg) => arg.name === 'first');
      // A paged field that returns a list is that long; one that returns a connection
      // makes the list inside it (edges) that long.
      if (first) [items, innerPage] = list ? [pageSize(node, first), undefined] : [1, pageSize(node, first)];
      else if (list) items = page ?? LIST_SIZES[`${parent?.name}.${node.name.value}`] ?? LIST_SIZE;
    }
    const inner = node.selectionSet
      ? this.selections(node.selectionSet, def ? getNamedType(def.type) : undefined, innerPage)
      : { fields: 0, aliases: 0, depth: 0, cost: 0 };
    const introspection = def === SchemaMetaFieldDef || def === TypeMetaFieldDef;
    return {
      fields: sum(1, inner.fields),
      aliases: sum(node.alias ? 1 : 0, inner.aliases),
      depth: introspection && this.options.introspectionDepthExempt ? 1 : 1 + inner.depth,
      cost: product(items, sum(1, inner.cost)),
    };
  }

  private fragment(name: string, page: number | undefined): Measurement {
    const key = `${name}:${page ?? ''}`;
    const known = this.measured.get(key);
    const fragment = this.fragments.get(name);
    // An unknown fragment or a cycle is graphql's own validation error: it counts nothing here.
    if (known === 'measuring' || !fragment) return { fields: 0, aliases: 0, depth: 0, cost: 0 };
    if (known) return known;
    this.measured.set(key, 'measuring');
    const measurement = this.selections(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value) ?? undefined, page);
    this.measured.set(key, measurement);
    return measurement;
  }
}

/** Each operation's measurement, in document order. */
export function measureOperations(schema: GraphQLSchema, document: DocumentNode, options: MeasureOptions = {}): Measurement[] {
  const measure = new DocumentMeasure(schema, document, options);
  return document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [measure.operation(definition)] : []));
}

const costs = new WeakMap<OperationDefinitionNode, number>();

/** The estimated cost of one operation (remembered per parsed operation: Apollo reuses documents it has seen). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  let cost = costs.get(operation);
  if (cost === undefined) {
    cost = new DocumentMeasure(schema, document, {}).operation(operation).cost;
    costs.set(operation, cost);
  }
  return cost;
}

export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS, options: MeasureOptions = {}) {
  return (context: ValidationContext): ASTVisitor => {
    // Built at the first operation and shared by all of them: once per document.
    let measure: DocumentMeasure | undefined;
    return {
      OperationDefinition(operation) {
        measure ??= new DocumentMeasure(context.getSchema(), context.getDocument(), options);
        const totals = measure.operation(operation);
        const problems = [
          totals.depth > limits.maxDepth && `nested ${totals.depth} levels deep (limit ${limits.maxDepth})`,
          totals.aliases > limits.maxAliases && `uses ${totals.aliases} aliases (limit ${limits.maxAliases})`,
          totals.fields > limits.maxFields && `selects ${totals.fields} fields (limit ${limits.maxFields})`,
        ].filter(Boolean);
        if (problems.length) {
          context.reportError(new GraphQLError(`Query too complex: ${problems.join('; ')}`, { extensions: { code: 'BAD_USER_INPUT' } }));
        }
        if (totals.cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(
              `Query too expensive: estimated cost ${totals.cost} is over the budget of ${limits.maxCost} (a page counts its \`first\` items, ${PAGE_CAP} when not given)`,
              { extensions: { code: 'BAD_USER_INPUT', cost: totals.cost, budget: limits.maxCost } },
            ),
          );
        }
        // Measured above, fragments included: nothing below needs this rule's visit.
        return false;
      },
    };
  };
}
