// The pool's events, published through the outbox in the transaction of the change: a
// request to borrow a resource from another branch (its home PMOs decide it), and the
// decision (the requester's side learns of it). The notifications fan-out consumes them;
// until it does, the handler only completes the outbox row (ResourceEventsHandler).
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

/** tenantId is the project's tenant (the requester's side); homeTenantId the resource's home, whose PMOs decide. */
export interface AllocationRequestedPayload extends OutboxPayload {
  allocationId: string;
  resourceId: string;
  projectId: string;
  homeTenantId: string;
  fromWeek: string;
  toWeek: string;
  hoursPerWeek: number;
  kind: string;
}

/** tenantId is the resource's home (the decider's side); projectTenantId the requester's. */
export interface AllocationDecidedPayload extends OutboxPayload {
  allocationId: string;
  resourceId: string;
  projectId: string;
  projectTenantId: string;
  state: string;
}

// The outbox row's id as the job id: a republished job still queued is not added twice.
const options = ({ outboxId }: OutboxPayload) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId });

export const ALLOCATION_REQUESTED_JOB = defineJob<AllocationRequestedPayload>({ name: 'allocation.requested', queue: QueueName.EVENTS, options });
export const ALLOCATION_DECIDED_JOB = defineJob<AllocationDecidedPayload>({ name: 'allocation.decided', queue: QueueName.EVENTS, options });
