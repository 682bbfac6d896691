// Every operation the app sends, one per view where the API allows it. The documents with
// numbered slots (periods, KPIs, projects, children) carry a view's many figures in one
// request: a slot left off (@include false) costs nothing.
import { graphql } from './gql';

export const TENANT_PATH = graphql(`
  fragment TenantPath on Tenant {
    id
    name
    kind
    depth
    parent {
      id
      name
      parent {
        id
        name
        parent {
          id
          name
          parent {
            id
            name
            parent {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const ME = graphql(`
  query Me {
    me {
      id
      email
      memberships {
        role
        status
        tenant {
          id
          name
          kind
          depth
        }
      }
    }
  }
`);

export const SIGN_IN = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      token
    }
  }
`);

export const SIGN_UP = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
    }
  }
`);

export const SIGN_OUT = graphql(`
  mutation SignOut {
    logout
  }
`);

export const FIGURE = graphql(`
  fragment Figure on KpiRollup {
    id
    period
    value
    rag
    projectCount
    computedAt
    kpi {
      id
      key
      name
      unit
      direction
    }
  }
`);

export const PORTFOLIO = graphql(`
  query Portfolio(
    $tenantId: ID!
    $p0: String!
    $p1: String!
    $p2: String!
    $p3: String!
    $p4: String!
    $p5: String!
    $p6: String!
    $p7: String!
    $p8: String!
    $p9: String!
    $p10: String!
    $p11: String!
  ) {
    tenant(id: $tenantId) {
      ...TenantPath
      children {
        id
        name
      }
    }
    s0: kpiRollups(period: $p0, tenantId: $tenantId) {
      ...Figure
    }
    s1: kpiRollups(period: $p1, tenantId: $tenantId) {
      ...Figure
    }
    s2: kpiRollups(period: $p2, tenantId: $tenantId) {
      ...Figure
    }
    s3: kpiRollups(period: $p3, tenantId: $tenantId) {
      ...Figure
    }
    s4: kpiRollups(period: $p4, tenantId: $tenantId) {
      ...Figure
    }
    s5: kpiRollups(period: $p5, tenantId: $tenantId) {
      ...Figure
    }
    s6: kpiRollups(period: $p6, tenantId: $tenantId) {
      ...Figure
    }
    s7: kpiRollups(period: $p7, tenantId: $tenantId) {
      ...Figure
    }
    s8: kpiRollups(period: $p8, tenantId: $tenantId) {
      ...Figure
    }
    s9: kpiRollups(period: $p9, tenantId: $tenantId) {
      ...Figure
    }
    s10: kpiRollups(period: $p10, tenantId: $tenantId) {
      ...Figure
    }
    s11: kpiRollups(period: $p11, tenantId: $tenantId) {
      ...Figure
    }
    reportingSummary(period: $p11, tenantId: $tenantId) {
      period
      expected
      due
      fulfilled
      fulfilledLate
      late
      missing
      waived
    }
    rollupFreshness(tenantId: $tenantId) {
      pendingNodes
      oldestPendingSeconds
    }
  }
`);

export const HEATMAP_CELL = graphql(`
  fragment HeatmapCell on KpiRollup {
    id
    value
    rag
    projectCount
    tenant {
      id
    }
    kpi {
      id
      key
    }
  }
`);

export const HEATMAP = graphql(`
  query Heatmap(
    $tenantId: ID!
    $period: String!
    $k0: String! = ""
    $i0: Boolean! = false
    $k1: String! = ""
    $i1: Boolean! = false
    $k2: String! = ""
    $i2: Boolean! = false
    $k3: String! = ""
    $i3: Boolean! = false
    $k4: String! = ""
    $i4: Boolean! = false
    $k5: String! = ""
    $i5: Boolean! = false
    $k6: String! = ""
    $i6: Boolean! = false
    $k7: String! = ""
    $i7: Boolean! = false
    $k8: String! = ""
    $i8: Boolean! = false
    $k9: String! = ""
    $i9: Boolean! = false
    $k10: String! = ""
    $i10: Boolean! = false
    $k11: String! = ""
    $i11: Boolean! = false
    $k12: String! = ""
    $i12: Boolean! = false
    $k13: String! = ""
    $i13: Boolean! = false
    $k14: String! = ""
    $i14: Boolean! = false
    $k15: String! = ""
    $i15: Boolean! = false
  ) {
    h0: kpiRollupDrilldown(kpiKey: $k0, period: $period, tenantId: $tenantId) @include(if: $i0) {
      children {
        ...HeatmapCell
      }
    }
    h1: kpiRollupDrilldown(kpiKey: $k1, period: $period, tenantId: $tenantId) @include(if: $i1) {
      children {
        ...HeatmapCell
      }
    }
    h2: kpiRollupDrilldown(kpiKey: $k2, period: $period, tenantId: $tenantId) @include(if: $i2) {
      children {
        ...HeatmapCell
      }
    }
    h3: kpiRollupDrilldown(kpiKey: $k3, period: $period, tenantId: $tenantId) @include(if: $i3) {
      children {
        ...HeatmapCell
      }
    }
    h4: kpiRollupDrilldown(kpiKey: $k4, period: $period, tenantId: $tenantId) @include(if: $i4) {
      children {
        ...HeatmapCell
      }
    }
    h5: kpiRollupDrilldown(kpiKey: $k5, period: $period, tenantId: $tenantId) @include(if: $i5) {
      children {
        ...HeatmapCell
      }
    }
    h6: kpiRollupDrilldown(kpiKey: $k6, period: $period, tenantId: $tenantId) @include(if: $i6) {
      children {
        ...HeatmapCell
      }
    }
    h7: kpiRollupDrilldown(kpiKey: $k7, period: $period, tenantId: $tenantId) @include(if: $i7) {
      children {
        ...HeatmapCell
      }
    }
    h8: kpiRollupDrilldown(kpiKey: $k8, period: $period, tenantId: $tenantId) @include(if: $i8) {
      children {
        ...HeatmapCell
      }
    }
    h9: kpiRollupDrilldown(kpiKey: $k9, period: $period, tenantId: $tenantId) @include(if: $i9) {
      children {
        ...HeatmapCell
      }
    }
    h10: kpiRollupDrilldown(kpiKey: $k10, period: $period, tenantId: $tenantId) @include(if: $i10) {
      children {
        ...HeatmapCell
      }
    }
    h11: kpiRollupDrilldown(kpiKey: $k11, period: $period, tenantId: $tenantId) @include(if: $i11) {
      children {
        ...HeatmapCell
      }
    }
    h12: kpiRollupDrilldown(kpiKey: $k12, period: $period, tenantId: $tenantId) @include(if: $i12) {
      children {
        ...HeatmapCell
      }
    }
    h13: kpiRollupDrilldown(kpiKey: $k13, period: $period, tenantId: $tenantId) @include(if: $i13) {
      children {
        ...HeatmapCell
      }
    }
    h14: kpiRollupDrilldown(kpiKey: $k14, period: $period, tenantId: $tenantId) @include(if: $i14) {
      children {
        ...HeatmapCell
      }
    }
    h15: kpiRollupDrilldown(kpiKey: $k15, period: $period, tenantId: $tenantId) @include(if: $i15) {
      children {
        ...HeatmapCell
      }
    }
  }
`);

export const ROLLUP_UPDATED = graphql(`
  subscription RollupUpdated($tenantId: ID!) {
    kpiRollupUpdated(tenantId: $tenantId) {
      id
      period
      value
      rag
      projectCount
      computedAt
      kpi {
        id
        name
      }
    }
  }
`);

export const TREND_SETUP = graphql(`
  query TrendSetup($tenantId: ID!) {
    tenant(id: $tenantId) {
      ...TenantPath
      children {
        id
        name
      }
    }
    kpiDefinitions(tenantId: $tenantId) {
      id
      key
      name
      unit
      status
    }
  }
`);

export const TREND_POINT = graphql(`
  fragment TrendPoint on KpiRollup {
    id
    period
    value
    rag
    projectCount
  }
`);

export const TREND = graphql(`
  query Trend(
    $tenantId: ID!
    $kpiKey: String!
    $from: String!
    $to: String!
    $c0: ID! = ""
    $i0: Boolean! = false
    $c1: ID! = ""
    $i1: Boolean! = false
    $c2: ID! = ""
    $i2: Boolean! = false
    $c3: ID! = ""
    $i3: Boolean! = false
    $c4: ID! = ""
    $i4: Boolean! = false
    $c5: ID! = ""
    $i5: Boolean! = false
    $c6: ID! = ""
    $i6: Boolean! = false
    $c7: ID! = ""
    $i7: Boolean! = false
    $c8: ID! = ""
    $i8: Boolean! = false
    $c9: ID! = ""
    $i9: Boolean! = false
    $c10: ID! = ""
    $i10: Boolean! = false
    $c11: ID! = ""
    $i11: Boolean! = false
  ) {
    own: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $tenantId, to: $to) {
      ...TrendPoint
    }
    c0: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c0, to: $to) @include(if: $i0) {
      ...TrendPoint
    }
    c1: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c1, to: $to) @include(if: $i1) {
      ...TrendPoint
    }
    c2: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c2, to: $to) @include(if: $i2) {
      ...TrendPoint
    }
    c3: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c3, to: $to) @include(if: $i3) {
      ...TrendPoint
    }
    c4: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c4, to: $to) @include(if: $i4) {
      ...TrendPoint
    }
    c5: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c5, to: $to) @include(if: $i5) {
      ...TrendPoint
    }
    c6: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c6, to: $to) @include(if: $i6) {
      ...TrendPoint
    }
    c7: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c7, to: $to) @include(if: $i7) {
      ...TrendPoint
    }
    c8: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c8, to: $to) @include(if: $i8) {
      ...TrendPoint
    }
    c9: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c9, to: $to) @include(if: $i9) {
      ...TrendPoint
    }
    c10: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c10, to: $to) @include(if: $i10) {
      ...TrendPoint
    }
    c11: kpiRollupTrend(from: $from, kpiKey: $kpiKey, tenantId: $c11, to: $to) @include(if: $i11) {
      ...TrendPoint
    }
  }
`);

export const PROJECT_ROW = graphql(`
  fragment ProjectRow on Project {
    id
    code
    name
    state
    tenant {
      id
      name
    }
    program {
      id
      name
    }
    latestStatusReport {
      id
      period
      overall
      summary
    }
  }
`);

export const PROJECTS = graphql(`
  query Projects($tenantId: ID!, $filter: ProjectFilter, $sort: ProjectSort!, $first: Int!, $after: String) {
    tenant(id: $tenantId) {
      ...TenantPath
    }
    programs(tenantId: $tenantId) {
      id
      name
    }
    projects(tenantId: $tenantId, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...ProjectRow
        }
      }
    }
  }
`);

export const ROW_COMPLIANCE = graphql(`
  fragment RowCompliance on ComplianceEvaluation {
    period
    score
    project {
      id
    }
  }
`);

export const PROJECTS_COMPLIANCE = graphql(`
  query ProjectsCompliance(
    $period: String!
    $id0: ID! = ""
    $i0: Boolean! = false
    $id1: ID! = ""
    $i1: Boolean! = false
    $id2: ID! = ""
    $i2: Boolean! = false
    $id3: ID! = ""
    $i3: Boolean! = false
    $id4: ID! = ""
    $i4: Boolean! = false
    $id5: ID! = ""
    $i5: Boolean! = false
    $id6: ID! = ""
    $i6: Boolean! = false
    $id7: ID! = ""
    $i7: Boolean! = false
    $id8: ID! = ""
    $i8: Boolean! = false
    $id9: ID! = ""
    $i9: Boolean! = false
    $id10: ID! = ""
    $i10: Boolean! = false
    $id11: ID! = ""
    $i11: Boolean! = false
    $id12: ID! = ""
    $i12: Boolean! = false
    $id13: ID! = ""
    $i13: Boolean! = false
    $id14: ID! = ""
    $i14: Boolean! = false
    $id15: ID! = ""
    $i15: Boolean! = false
    $id16: ID! = ""
    $i16: Boolean! = false
    $id17: ID! = ""
    $i17: Boolean! = false
    $id18: ID! = ""
    $i18: Boolean! = false
    $id19: ID! = ""
    $i19: Boolean! = false
    $id20: ID! = ""
    $i20: Boolean! = false
    $id21: ID! = ""
    $i21: Boolean! = false
    $id22: ID! = ""
    $i22: Boolean! = false
    $id23: ID! = ""
    $i23: Boolean! = false
    $id24: ID! = ""
    $i24: Boolean! = false
  ) {
    c0: projectCompliance(period: $period, projectId: $id0) @include(if: $i0) {
      ...RowCompliance
    }
    c1: projectCompliance(period: $period, projectId: $id1) @include(if: $i1) {
      ...RowCompliance
    }
    c2: projectCompliance(period: $period, projectId: $id2) @include(if: $i2) {
      ...RowCompliance
    }
    c3: projectCompliance(period: $period, projectId: $id3) @include(if: $i3) {
      ...RowCompliance
    }
    c4: projectCompliance(period: $period, projectId: $id4) @include(if: $i4) {
      ...RowCompliance
    }
    c5: projectCompliance(period: $period, projectId: $id5) @include(if: $i5) {
      ...RowCompliance
    }
    c6: projectCompliance(period: $period, projectId: $id6) @include(if: $i6) {
      ...RowCompliance
    }
    c7: projectCompliance(period: $period, projectId: $id7) @include(if: $i7) {
      ...RowCompliance
    }
    c8: projectCompliance(period: $period, projectId: $id8) @include(if: $i8) {
      ...RowCompliance
    }
    c9: projectCompliance(period: $period, projectId: $id9) @include(if: $i9) {
      ...RowCompliance
    }
    c10: projectCompliance(period: $period, projectId: $id10) @include(if: $i10) {
      ...RowCompliance
    }
    c11: projectCompliance(period: $period, projectId: $id11) @include(if: $i11) {
      ...RowCompliance
    }
    c12: projectCompliance(period: $period, projectId: $id12) @include(if: $i12) {
      ...RowCompliance
    }
    c13: projectCompliance(period: $period, projectId: $id13) @include(if: $i13) {
      ...RowCompliance
    }
    c14: projectCompliance(period: $period, projectId: $id14) @include(if: $i14) {
      ...RowCompliance
    }
    c15: projectCompliance(period: $period, projectId: $id15) @include(if: $i15) {
      ...RowCompliance
    }
    c16: projectCompliance(period: $period, projectId: $id16) @include(if: $i16) {
      ...RowCompliance
    }
    c17: projectCompliance(period: $period, projectId: $id17) @include(if: $i17) {
      ...RowCompliance
    }
    c18: projectCompliance(period: $period, projectId: $id18) @include(if: $i18) {
      ...RowCompliance
    }
    c19: projectCompliance(period: $period, projectId: $id19) @include(if: $i19) {
      ...RowCompliance
    }
    c20: projectCompliance(period: $period, projectId: $id20) @include(if: $i20) {
      ...RowCompliance
    }
    c21: projectCompliance(period: $period, projectId: $id21) @include(if: $i21) {
      ...RowCompliance
    }
    c22: projectCompliance(period: $period, projectId: $id22) @include(if: $i22) {
      ...RowCompliance
    }
    c23: projectCompliance(period: $period, projectId: $id23) @include(if: $i23) {
      ...RowCompliance
    }
    c24: projectCompliance(period: $period, projectId: $id24) @include(if: $i24) {
      ...RowCompliance
    }
  }
`);

export const DECISION_FIELDS = graphql(`
  fragment DecisionFields on PortfolioDecision {
    id
    kind
    rationale
    decidedAt
    decidedBy
    evidence {
      capturedAt
      period
      overall
      summary
      compliance
      kpis {
        kpiKey
        period
        value
        rag
      }
    }
  }
`);

export const PROJECT = graphql(`
  query ProjectPage($id: ID!, $period: String!) {
    project(id: $id) {
      id
      code
      name
      description
      state
      startDate
      endDate
      currentPhase
      plannedBudget
      actualCost
      tenant {
        ...TenantPath
      }
      program {
        id
        name
      }
      manager {
        id
        email
      }
      milestones {
        id
        name
        phase
        dueDate
        completedOn
        status
      }
      phases {
        name
        position
        gate {
          name
          approverRole
          deliverables
        }
      }
      gateReviews {
        id
        gate
        phase
        state
        submittedAt
        decidedAt
        criteria {
          criterion
          status
          evidence
          comment
        }
        votes {
          voterId
          decision
          comment
          at
        }
      }
      decisions {
        ...DecisionFields
      }
    }
    statusReports(projectId: $id) {
      id
      period
      overall
      schedule
      cost
      scope
      summary
      nextSteps
      submittedAt
    }
    kpiValues(projectId: $id) {
      period
      value
      recordedAt
      kpi {
        id
        key
        name
        unit
      }
    }
    projectCompliance(period: $period, projectId: $id) {
      period
      score
      checks {
        rule
        met
        detail
      }
    }
  }
`);

export const PROJECT_ACTIONS = graphql(`
  query ProjectActions($tenantId: ID!) {
    correctiveActions(tenantId: $tenantId) {
      id
      description
      dueDate
      state
      overdue
      project {
        id
      }
    }
  }
`);

export const RECORD_DECISION = graphql(`
  mutation RecordDecision($input: RecordDecisionInput!) {
    recordDecision(input: $input) {
      ...DecisionFields
      project {
        id
        state
      }
    }
  }
`);

export const STANDARDS = graphql(`
  query Standards($tenantId: ID!) {
    tenant(id: $tenantId) {
      ...TenantPath
    }
    kpiDefinitions(tenantId: $tenantId) {
      id
      key
      name
      description
      unit
      aggregation
      direction
      greenThreshold
      amberThreshold
      mandatory
      status
      version
      owner {
        id
        name
      }
    }
    methodologies(tenantId: $tenantId) {
      id
      name
      description
      version
      cadence {
        frequency
        dueDay
        graceDays
      }
      phases {
        name
        gate {
          name
          approverRole
          quorum
          deliverables
        }
      }
      owner {
        id
        name
      }
    }
    documentTemplates(tenantId: $tenantId) {
      id
      title
      kind
      version
      sections
      owner {
        id
        name
      }
    }
    glossary(tenantId: $tenantId) {
      id
      term
      definition
      owner {
        id
        name
      }
    }
  }
`);
