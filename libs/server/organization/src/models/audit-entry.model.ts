import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PageInfoModel } from '@pmo/core';
import { TenantModel } from './tenant.model';

@ObjectType('AuditEntry', { description: 'One recorded change: who did what to which entity, and when.' })
export class AuditEntryModel {
  @Field(() => ID) id: string;
  @Field(() => TenantModel) tenant: TenantModel;
  @Field(() => ID, { nullable: true, description: 'The user who acted; null for system jobs' }) actorId: string | null;
  @Field() entity: string;
  @Field() entityId: string;
  @Field() action: string;
  @Field(() => String, { nullable: true, description: 'The entity before the change, as JSON' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'The entity after the change, as JSON' }) after: string | null;
  @Field() at: Date;
  tenantId: string;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdgeModel {
  @Field() cursor: string;
  @Field(() => AuditEntryModel) node: AuditEntryModel;
}

@ObjectType('AuditEntryConnection', { description: 'Newest first.' })
export class AuditEntryConnectionModel {
  @Field(() => [AuditEntryEdgeModel]) edges: AuditEntryEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
}
