import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '@pmo/shared';
import { AddMemberInput, AuditLogArgs, ChangePasswordInput, CreateSpokeInput, LoginInput, SignUpInput } from './dto/auth.inputs';
import { TenantModel } from './models/tenant.model';
import { AuthPayloadModel, MembershipModel, UserModel } from './models/user.model';
import { AuditEntryConnectionModel, AuditEntryModel } from './models/audit-entry.model';
import { AuditLogService } from './audit-log.service';
import { AuthService } from './auth.service';
import { MemberService } from './member.service';
import { TenantService } from './tenant.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MemberService,
  ) {}

  @Mutation(() => AuthPayloadModel, { description: 'Creates an organization (its hub) and its first ORG_ADMIN.' })
  signUp(@Args('input') input: SignUpInput) {
    return this.auth.signUp(input);
  }

  @Mutation(() => AuthPayloadModel)
  login(@Args('input') input: LoginInput) {
    return this.auth.login(input);
  }

  @Query(() => UserModel)
  me() {
    return this.auth.me();
  }

  @Mutation(() => Boolean, { description: 'Ends the token that sent it.' })
  logout() {
    return this.auth.logout();
  }

  @Mutation(() => AuthPayloadModel, { description: 'Ends every earlier token; answers with a new one.' })
  changePassword(@Args('input') input: ChangePasswordInput) {
    return this.auth.changePassword(input);
  }

  @Mutation(() => MembershipModel)
  addMember(@Args('input') input: AddMemberInput) {
    return this.members.addMember(input);
  }

  @Mutation(() => MembershipModel, { description: "Changes a member's role; it holds from their next request on." })
  updateMemberRole(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => Role }) role: Role,
  ) {
    return this.members.updateMemberRole(tenantId, userId, role);
  }

  @Mutation(() => Boolean, { description: "Removes a member or withdraws an invitation: the member's access ends at once." })
  removeMember(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('userId', { type: () => ID }) userId: string) {
    return this.members.removeMember(tenantId, userId);
  }

  @Mutation(() => MembershipModel, { description: 'Accepts an invitation to the tenant: the role holds from now on.' })
  acceptInvitation(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.members.acceptInvitation(tenantId);
  }

  @Mutation(() => Boolean, { description: 'Declines an invitation to the tenant.' })
  declineInvitation(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.members.declineInvitation(tenantId);
  }
}

@Resolver(() => TenantModel)
export class TenantResolver {
  constructor(private readonly tenants: TenantService) {}

  @Query(() => TenantModel, { nullable: true })
  tenant(@Args('id', { type: () => ID }) id: string) {
    return this.tenants.find(id);
  }

  @Mutation(() => TenantModel)
  createSpoke(@Args('input') input: CreateSpokeInput) {
    return this.tenants.createSpoke(input);
  }

  @ResolveField(() => TenantModel, { nullable: true })
  parent(@Parent() tenant: TenantModel) {
    return tenant.parentId ? this.tenants.find(tenant.parentId) : null;
  }

  @ResolveField(() => [TenantModel])
  children(@Parent() tenant: TenantModel) {
    return this.tenants.children(tenant.id);
  }
}

@Resolver(() => UserModel)
export class UserResolver {
  constructor(
    private readonly members: MemberService,
    private readonly auth: AuthService,
  ) {}

  @ResolveField(() => String)
  email(@Parent() user: Pick<UserModel, 'id'> & Partial<UserModel>) {
    return user.email ?? this.auth.email(user.id);
  }

  @ResolveField(() => [MembershipModel])
  memberships(@Parent() user: UserModel) {
    return this.members.membershipsOf(user.id);
  }
}

@Resolver(() => MembershipModel)
export class MembershipResolver {
  constructor(private readonly tenants: TenantService) {}

  @ResolveField(() => TenantModel)
  tenant(@Parent() membership: MembershipModel) {
    return this.tenants.find(membership.tenantId);
  }
}

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(
    private readonly entries: AuditLogService,
    private readonly tenants: TenantService,
  ) {}

  @Query(() => AuditEntryConnectionModel, { description: "The audit entries of a tenant's subtree, newest first (ORG_ADMIN)." })
  auditLog(@Args() args: AuditLogArgs) {
    return this.entries.list(args);
  }

  @ResolveField(() => TenantModel)
  tenant(@Parent() entry: AuditEntryModel) {
    return this.tenants.find(entry.tenantId);
  }
}
