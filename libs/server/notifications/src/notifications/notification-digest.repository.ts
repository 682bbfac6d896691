import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GenerateSql, run, statement } from '@pmo/core';

export interface DigestRow {
  email: string;
  kind: string;
  title: string;
  createdAt: Date;
}

const DIGEST = statement<DigestRow, [since: string]>(
  'notifications-digest',
  'SELECT email, kind, title, created_at AS "createdAt" FROM pmo_notification_digest($1::interval)',
);

@Injectable()
export class NotificationDigestRepository {
  /** Every user's unread notifications of the last `hours`, by address, newest first: outside any context, through the definer function. */
  @GenerateSql({ params: [24] })
  unread(em: EntityManager, hours: number): Promise<DigestRow[]> {
    return run(em, DIGEST, [`${hours} hours`]);
  }
}
