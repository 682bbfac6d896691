// The Tenant GraphQL type lives in core: every feature refers to tenants (owners, project tenants).
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantKind } from '@pmo/shared';

@ObjectType('Tenant', { description: 'A PMO: the hub (depth 0) or a spoke nested below it.' })
export class TenantModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => TenantKind) kind: TenantKind;
  @Field(() => Int, { description: 'The hub is 0' }) depth: number;
  parentId: string | null;
}
