// The worker side of competency: each day, every organization's certifications expiring
// within 60 days are claimed (marked, so each is announced once) and published as events
// in the same transaction; the event's consumer, for now, logs it and completes its outbox row.
import { Injectable, Logger } from '@nestjs/common';
import { addDays, dateOf, OnJob, OutboxService, TenantDb } from '@pmo/core';
import { CompetencyRepository } from './competency.repository';
import { EXPIRY_NOTICE_DAYS } from './competency.rules';
import { CERTIFICATION_EXPIRING_JOB, CertificationExpiringPayload, CERTIFICATIONS_EXPIRING_DAILY_JOB } from './competency.jobs';

@Injectable()
export class CompetencyJobsHandler {
  private readonly logger = new Logger(CompetencyJobsHandler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly competency: CompetencyRepository,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(CERTIFICATIONS_EXPIRING_DAILY_JOB)
  async flagExpiring(): Promise<{ organizations: number; flagged: number }> {
    const organizations = await this.db.unscoped((em) => this.competency.organizations(em));
    const from = dateOf(new Date());
    const until = addDays(from, EXPIRY_NOTICE_DAYS);
    let flagged = 0;
    for (const orgId of organizations) {
      flagged += await this.db.transaction(
        async (em) => {
          const claimed = await this.competency.claimExpiring(em, from, until);
          for (const row of claimed) {
            await this.outbox.publish(em, row.orgId, CERTIFICATION_EXPIRING_JOB, {
              tenantId: row.tenantId,
              certificationId: row.id,
              userId: row.userId,
              expiresOn: row.expiresOn,
            });
          }
          return claimed.length;
        },
        { as: { kind: 'system', tenantId: orgId } },
      );
    }
    return { organizations: organizations.length, flagged };
  }

  @OnJob(CERTIFICATION_EXPIRING_JOB)
  async certificationExpiring(payload: CertificationExpiringPayload): Promise<void> {
    const fresh = await this.db.transaction((em) => this.outbox.complete(em, payload.outboxId));
    if (fresh) this.logger.log(`certification ${payload.certificationId} of user ${payload.userId} expires on ${payload.expiresOn}`);
  }
}
