// The organization's jobs: its first one, published from the outbox at sign-up (ProvisionHandler).
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface ProvisionPayload extends OutboxPayload {
  /** The organization's first admin. */
  userId: string;
}

export const ORGANIZATION_PROVISION_JOB = defineJob<ProvisionPayload>({
  name: 'organization.provision',
  queue: QueueName.EVENTS,
  // The outbox row's id: a republished job that is still queued is not added twice.
  options: ({ outboxId }) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId }),
});
