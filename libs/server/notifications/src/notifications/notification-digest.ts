// The daily email digest, when SMTP_URL is set: each user with unread notifications of the
// last day gets one message listing them. Email is optional; in-app notifications are not.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, AppConfig, OnJob, TenantDb } from '@pmo/core';
import { NOTIFICATIONS_DIGEST_JOB } from '../notifications.jobs';
import { DigestRow, NotificationDigestRepository } from './notification-digest.repository';

const DIGEST_HOURS = 24;
/** Lines per message: the rest is counted, not listed. */
const MAX_LINES = 50;

export interface Digest {
  to: string;
  subject: string;
  text: string;
}

/** One message per address, from rows ordered by address. */
export function digests(rows: readonly DigestRow[]): Digest[] {
  const byAddress = new Map<string, DigestRow[]>();
  for (const row of rows) byAddress.set(row.email, [...(byAddress.get(row.email) ?? []), row]);
  return [...byAddress].map(([to, items]) => {
    const lines = items.slice(0, MAX_LINES).map((item) => `- ${item.title} (${item.kind}, ${item.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
    if (items.length > MAX_LINES) lines.push(`…and ${items.length - MAX_LINES} more`);
    const subject = `PMO Hub: ${items.length} unread notification${items.length === 1 ? '' : 's'}`;
    return { to, subject, text: `${subject} in the last day:\n\n${lines.join('\n')}\n` };
  });
}

@Injectable()
export class NotificationDigest {
  private readonly logger = new Logger(NotificationDigest.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly digest: NotificationDigestRepository,
  ) {}

  @OnJob(NOTIFICATIONS_DIGEST_JOB)
  async send(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    const messages = digests(await this.db.unscoped((em) => this.digest.unread(em, DIGEST_HOURS)));
    const transport = createTransport(this.config.smtpUrl);
    let sent = 0;
    try {
      for (const message of messages) {
        // One address refused does not stop the others.
        await transport
          .sendMail({ from: this.config.mailFrom, ...message })
          .then(() => sent++)
          .catch((error: unknown) => this.logger.warn(`digest to ${message.to} not sent: ${String(error)}`));
      }
    } finally {
      transport.close();
    }
    return sent;
  }
}
