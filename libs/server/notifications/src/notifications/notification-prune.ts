// Read notifications are kept for a month, then pruned by a scheduled job; unread ones stay.
import { Injectable, Logger } from '@nestjs/common';
import { OnJob, TenantDb } from '@pmo/core';
import { NOTIFICATIONS_PRUNE_JOB } from '../notifications.jobs';
import { NotificationPruneRepository } from './notification-prune.repository';

export const READ_RETENTION_DAYS = 30;

@Injectable()
export class NotificationPrune {
  private readonly logger = new Logger(NotificationPrune.name);

  constructor(
    private readonly db: TenantDb,
    private readonly prune: NotificationPruneRepository,
  ) {}

  @OnJob(NOTIFICATIONS_PRUNE_JOB)
  async run(): Promise<number> {
    // Every organization's at once, through the definer function.
    const removed = await this.db.unscoped((em) => this.prune.readBefore(em, READ_RETENTION_DAYS));
    if (removed) this.logger.log(`${removed} read notifications pruned`);
    return removed;
  }
}
