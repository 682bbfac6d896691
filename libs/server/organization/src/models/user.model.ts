import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MembershipStatus, Role } from '@pmo/shared';
import { TenantModel } from './tenant.model';

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id: string;
  @Field() email: string;
}

@ObjectType('Membership', { description: "A role at a tenant, covering the tenant's whole subtree." })
export class MembershipModel {
  @Field(() => TenantModel) tenant: TenantModel;
  @Field(() => Role) role: Role;
  @Field(() => MembershipStatus) status: MembershipStatus;
  tenantId: string;
  userId: string;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field() token: string;
  @Field(() => UserModel) user: UserModel;
}
