// Every limit the GraphQL surface enforces, with its number and the reason for it. The
// document limits hold for HTTP and WebSocket alike (one validation path); the operation
// limits are defaults that the environment may change (see config.ts and the README).

/**
 * Tokens a document may hold, counted while parsing (graphql stops at the first token over).
 * graphql's standard getIntrospectionQuery() is about 165 tokens (185 with every option),
 * the benchmark's projects page about 60; 2,000 leaves room for any hand-written query
 * while a flood (36,000 operations, 250 aliased pages) is refused before it is validated.
 */
export const MAX_TOKENS = 2000;

/** The largest page a connection serves: a `first` the document does not fix counts as this. */
export const PAGE_CAP = 1000;

/** The items a list without `first` (a project's milestones, a tenant's children) is assumed to hold. */
export const LIST_SIZE = 10;

/** The most values `kpiValues` answers without a period: the newest (ten KPIs over ten years). */
export const KPI_VALUES_CAP = 1200;

/**
 * Lists without `first` that may hold far more than LIST_SIZE, with the size the estimate
 * assumes: the cap the field enforces, or its realistic largest. So aliasing such a list
 * is priced at what it can return.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.kpiValues': KPI_VALUES_CAP,
  'Query.kpiRollupTrend': 120, // from..to spans at most 120 months
  'Query.statusReports': 120,
  'Query.programs': 200,
  'KpiDrilldown.projects': 1000,
  'KpiDrilldown.children': 100,
  'Tenant.children': 100,
};

export interface QueryLimits {
  /** Nested selection sets (introspection fields are not counted: GraphiQL's query is 15 deep). */
  maxDepth: number;
  maxAliases: number;
  /** Selected fields, fragments counted where they are spread. */
  maxFields: number;
  /**
   * Estimated work: each field counts 1, times the items of every list around it (a page
   * counts its `first`, other lists LIST_SIZE). The benchmark's page of 1,000 projects with
   * tenant, program, latest report and milestones estimates 47,005; graphql's standard
   * introspection query 50,980 (53,401 with every option); two such pages 94,002; 24
   * aliased pages of `id` alone 72,024.
   */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxFields: 400, maxCost: 60_000 };

/** Operations running at once, per user and api process (HTTP and WebSocket together). */
export interface OperationLimits {
  /** Beyond it, a user's operations wait: one user's heavy pages cannot take the whole event loop. */
  inFlightPerUser: number;
  /** Operations that may wait for a place (a page load fires several at once); beyond it, RATE_LIMITED. */
  queuedPerUser: number;
  /** Each subscription holds a listener and runs a query per event. */
  subscriptionsPerConnection: number;
  subscriptionsPerUser: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { inFlightPerUser: 4, queuedPerUser: 16, subscriptionsPerConnection: 20, subscriptionsPerUser: 50 };

/**
 * The estimated cost a user's operations in flight may add up to: one query budget. One
 * heavy page runs at a time per user (each running page lengthens every other request's
 * wait on the event loop: a bystander's worst wait measured 0.37 s beside one page, 1.85 s
 * beside four), while light queries still run several at once.
 */
export const COST_IN_FLIGHT_PER_USER = DEFAULT_LIMITS.maxCost;

/** How long an operation waits for a place before it is refused (its client has likely given up). */
export const QUEUE_WAIT_MS = 10_000;

/** What RATE_LIMITED tells a client to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 1;
