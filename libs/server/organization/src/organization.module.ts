// Organizations: sign-up and login, the tenant tree (hub and spokes), memberships.
import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuthService } from './auth.service';
import { MemberService } from './member.service';
import { AuditLogResolver, AuthResolver, MembershipResolver, TenantResolver, UserResolver } from './organization.resolver';
import { ProvisionHandler } from './provision.handler';
import { TenantService } from './tenant.service';

@Module({
  providers: [AuthService, TenantService, MemberService, AuditLogService, AuthResolver, TenantResolver, UserResolver, MembershipResolver, AuditLogResolver],
  exports: [TenantService],
})
export class OrganizationModule {}

/** The worker side: the organization's jobs. */
@Module({ providers: [ProvisionHandler] })
export class OrganizationJobsModule {}
