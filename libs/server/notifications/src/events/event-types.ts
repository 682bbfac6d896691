// The business events this library fans out, by the name of the outbox job that carries
// them: each becomes in-app notifications for its recipients and webhook deliveries for
// the endpoints that subscribed to its type. Adding an event is one line here: its job's
// name, its contract name, who hears of it, and what it is about. A job named exactly
// like its event type (the convention for new events) needs nothing else.
import { Role } from '@pmo/shared';
import {
  ACTION_OWNER_AND_LEAD,
  GATE_SUBMITTER,
  NAMED_USER,
  ON_HOME_PATH,
  PROJECT_MANAGER,
  QUALIFIED_VOTERS,
  Recipients,
  ROLES_AT_TENANT,
  ROLES_ON_HOME_PATH,
  ROLES_ON_PATH,
  Visibility,
} from './recipients';

/** An event's payload as the webhook's data: ids and small facts, never entity snapshots. */
export type EventData = Record<string, unknown>;

export interface EventType {
  /** The contract's name: the notification's kind and the webhook's "type". */
  type: string;
  /** Each list's users are told (their union, once each). */
  recipients: Recipients[];
  /** What the notification links to, and the payload field with its id. */
  entity: string | null;
  idKey: string | null;
  title: (data: EventData) => string;
  /** Who else may see the entity, beyond a membership on the event tenant's path (none by default). */
  alsoSeenBy?: Visibility;
}

const text = (value: unknown) => (typeof value === 'string' ? value.toLowerCase().replace(/_/g, ' ') : 'changed');

const event = (
  type: string,
  recipients: Recipients[],
  entity: string | null,
  idKey: string | null,
  title: EventType['title'],
  alsoSeenBy?: Visibility,
): EventType => ({
  type,
  recipients,
  entity,
  idKey,
  title,
  ...(alsoSeenBy ? { alsoSeenBy } : {}),
});

const PMO = ROLES_ON_PATH(Role.PMO_LEAD);
/** A rollup's change of colour at a tenant: its own PMO_LEADs and EXECUTIVEs. */
const ROLLUP_WATCHERS = ROLES_AT_TENANT(Role.PMO_LEAD, Role.EXECUTIVE);

export const EVENT_TYPES: Readonly<Record<string, EventType>> = {
  'status_report.submitted': event('status_report.submitted', [PMO], 'project', 'projectId', (d) => `Status report submitted for ${d.period}`),
  'reporting_obligation.late': event('reporting_obligation.late', [PROJECT_MANAGER], 'project', 'projectId', (d) => `Status report for ${d.period} is late`),
  'reporting_obligation.missing': event(
    'reporting_obligation.missing',
    [PROJECT_MANAGER, ROLES_AT_TENANT(Role.PMO_LEAD)],
    'project',
    'projectId',
    (d) => `Status report for ${d.period} is missing`,
  ),
  'gate_review.submitted': event('gate_review.submitted', [QUALIFIED_VOTERS], 'gate_review', 'reviewId', () => 'A gate review awaits your vote'),
  'governance.gate-review-decided': event(
    'gate_review.decided',
    [GATE_SUBMITTER, PROJECT_MANAGER],
    'gate_review',
    'reviewId',
    (d) => `Gate review ${text(d.state)}`,
  ),
  'governance.decision-recorded': event(
    'decision.recorded',
    [PROJECT_MANAGER, PMO],
    'portfolio_decision',
    'decisionId',
    (d) => `Decision recorded: ${text(d.kind)}`,
  ),
  'corrective_action.overdue': event(
    'corrective_action.overdue',
    [ACTION_OWNER_AND_LEAD],
    'corrective_action',
    'actionId',
    () => 'A corrective action is overdue',
  ),
  'governance.tenant-compliance-rag-changed': event(
    'kpi_rollup.rag_changed',
    [ROLLUP_WATCHERS],
    'tenant',
    'tenantId',
    (d) => `Compliance turned ${text(d.to)} in ${d.period}`,
  ),
  'kpi_rollup.rag_changed': event('kpi_rollup.rag_changed', [ROLLUP_WATCHERS], 'kpi', 'kpiId', (d) => `A KPI turned ${text(d.to)} in ${d.period}`),
  'lesson.published': event('lesson.published', [PMO], 'lesson', 'lessonId', () => 'A lesson was published'),
  // Its tenant is the project's; the resource's home PMOs decide it, and see it through the allocation's home-side policy.
  'allocation.requested': event(
    'allocation.requested',
    [ROLES_ON_HOME_PATH(Role.PMO_LEAD, Role.ORG_ADMIN)],
    'allocation',
    'allocationId',
    () => 'A resource allocation was requested',
    ON_HOME_PATH,
  ),
  'certification.expiring': event('certification.expiring', [NAMED_USER], 'certification', 'certificationId', () => 'A certification is expiring'),
};

/** Every type an endpoint may subscribe to. */
export const EVENT_NAMES: readonly string[] = [...new Set(Object.values(EVENT_TYPES).map((each) => each.type))].sort();

/** The kind of notification an endpoint's owner gets when it is disabled (not a webhook event). */
export const ENDPOINT_DISABLED = 'webhook_endpoint.disabled';
