// Types another feature owns (Project, GateReview), named rather than imported: a feature
// never imports another. The names are resolved when the schema is built, after every
// module has registered its types.
import { Type } from '@nestjs/common';
import { Resolver, TypeMetadataStorage } from '@nestjs/graphql';

/** The class behind the object type `name`, for a field's type function. */
export function objectTypeNamed(name: string): Type<unknown> {
  const found = TypeMetadataStorage.getObjectTypesMetadata().find((metadata) => metadata.name === name);
  if (!found) throw new Error(`The GraphQL type ${name} is not in the schema: the api must import the module that defines it`);
  return found.target as Type<unknown>;
}

/** `@Resolver` for a type another feature owns: its `@ResolveField`s add fields to that type. */
export function ResolverOfType(name: string): ClassDecorator {
  return (target) => {
    Resolver(name)(target);
    // Resolver(name) leaves code-first without the host type's class: given lazily here.
    TypeMetadataStorage.addResolverMetadata({ target, typeFn: () => objectTypeNamed(name), isAbstract: false });
  };
}

/** The Project type (the projects library's), for fields that return a project. */
export const ProjectType = () => objectTypeNamed('Project');
