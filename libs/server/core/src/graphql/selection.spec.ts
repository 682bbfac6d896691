import { FieldNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selectedFields } from './selection';

const fieldOf = (query: string) => {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return { fieldNodes: operation?.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'projects') ?? [] };
};
const names = (query: string, path = ['edges', 'node']) => [...selectedFields(fieldOf(query), path)].sort();

describe('selectedFields', () => {
  it("names the fields of a connection's rows, across aliases and repeated fields", () => {
    expect(names('{ projects { totalCount edges { cursor node { id tenant { name } milestones { name } } } } }')).toEqual(['id', 'milestones', 'tenant']);
    expect(names('{ projects { edges { node { id } } more: edges { n: node { program { id } } } } }')).toEqual(['id', 'program']);
    expect(names('{ projects { edges { node { id } } } projects { edges { node { tenant { id } } } } }')).toEqual(['id', 'tenant']);
    expect(names('{ projects { totalCount } }')).toEqual([]);
    expect(names('{ projects { totalCount } }', [])).toEqual(['totalCount']);
  });

  it('assumes nothing where a fragment stands on the way or among the rows', () => {
    expect(names('{ projects { edges { node { id ... on Project { tenant { id } } } } } }')).toEqual([]);
    expect(names('{ projects { ...Page } } fragment Page on ProjectConnection { edges { node { tenant { id } } } }')).toEqual([]);
  });
});
