// Registers the shared domain enums with the code-first schema, once.
import { registerEnumType } from '@nestjs/graphql';
import { KpiAggregation, KpiDirection, MembershipStatus, ProjectState, Rag, Role, StandardStatus, TenantKind } from '@pmo/shared';

registerEnumType(TenantKind, { name: 'TenantKind' });
registerEnumType(Role, { name: 'Role', description: "A membership's role applies to its tenant and the tenant's whole subtree." });
registerEnumType(MembershipStatus, { name: 'MembershipStatus', description: 'An INVITED membership grants nothing until its user accepts it.' });
registerEnumType(KpiAggregation, { name: 'KpiAggregation' });
registerEnumType(KpiDirection, { name: 'KpiDirection' });
registerEnumType(Rag, { name: 'Rag' });
registerEnumType(StandardStatus, { name: 'StandardStatus' });
registerEnumType(ProjectState, { name: 'ProjectState' });
