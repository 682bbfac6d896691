// Domain enums shared by the api, the worker and tools. GraphQL registers them in the api.

export enum TenantKind {
  HUB = 'HUB',
  SPOKE = 'SPOKE',
}

/** A membership's role applies to its tenant and the tenant's whole subtree. */
export enum Role {
  ORG_ADMIN = 'ORG_ADMIN',
  PMO_LEAD = 'PMO_LEAD',
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  EXECUTIVE = 'EXECUTIVE',
  VIEWER = 'VIEWER',
}

export enum KpiAggregation {
  SUM = 'SUM',
  AVG = 'AVG',
  WEIGHTED_AVG = 'WEIGHTED_AVG',
  MIN = 'MIN',
  MAX = 'MAX',
}

export enum KpiDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

export enum Rag {
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  RED = 'RED',
}

export enum StandardStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}

export enum ProjectState {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ON_HOLD = 'ON_HOLD',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/** An INVITED membership grants nothing until its user accepts it. */
export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  INVITED = 'INVITED',
}
