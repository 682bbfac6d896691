import { FieldNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selectsOnly } from './selection';

const fieldOf = (query: string) => {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return { fieldNodes: [operation?.selectionSet.selections[0] as FieldNode] };
};

describe('selectsOnly', () => {
  it('holds for the named fields and __typename only', () => {
    expect(selectsOnly(fieldOf('{ me { id } }'), ['id'])).toBe(true);
    expect(selectsOnly(fieldOf('{ me { __typename id other: id } }'), ['id'])).toBe(true);
  });

  it('fails for any other field, nested or not, and for fragments', () => {
    expect(selectsOnly(fieldOf('{ me { id email } }'), ['id'])).toBe(false);
    expect(selectsOnly(fieldOf('{ me { memberships { role } } }'), ['id'])).toBe(false);
    expect(selectsOnly(fieldOf('{ me { ... on User { id } } }'), ['id'])).toBe(false);
    expect(selectsOnly(fieldOf('{ me { ...F } } fragment F on User { id }'), ['id'])).toBe(false);
  });
});
