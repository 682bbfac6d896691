// Competency's jobs: the daily search for certifications expiring within 60 days, and the
// event it publishes through the outbox for each of them, once ('certification.expiring':
// notifications will tell the person and their PMO).
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface CertificationExpiringPayload extends OutboxPayload {
  certificationId: string;
  userId: string;
  /** YYYY-MM-DD, the last day it is valid. */
  expiresOn: string;
}

export const CERTIFICATION_EXPIRING_JOB = defineJob<CertificationExpiringPayload>({
  name: 'certification.expiring',
  queue: QueueName.EVENTS,
  // The outbox row's id: a republished job that is still queued is not added twice.
  options: ({ outboxId }) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId }),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A failed run is not retried: the next day's claims what this one left. */
export const CERTIFICATIONS_EXPIRING_DAILY_JOB = defineJob({
  name: 'competency.certifications-expiring',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => DAY_MS,
});
