import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GenerateSql, runOne, statement } from '@pmo/core';

const PRUNE_READ = statement<{ removed: number }, [olderThan: string]>('notifications-prune-read', 'SELECT pmo_prune_notifications($1::interval) AS removed');

@Injectable()
export class NotificationPruneRepository {
  /** Removes every organization's notifications read more than `days` ago; answers how many. */
  @GenerateSql({ params: [30] })
  async readBefore(em: EntityManager, days: number): Promise<number> {
    return (await runOne(em, PRUNE_READ, [`${days} days`]))?.removed ?? 0;
  }
}
