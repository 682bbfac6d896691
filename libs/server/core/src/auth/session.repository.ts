// Statements on sessions: opened by the database when a password's key matches, ended by
// their user, checked outside any tenant context.
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { runOne } from '../database/sql';
import { SessionEntity } from './session.entity';
import { OPEN_SESSION, SESSION_USER } from './session.sql';

@Injectable()
export class SessionRepository {
  /** A new session's id, or null when `passwordHash` is not the user's. */
  @GenerateSql({ params: [DummyValue.UUID, 'scrypt$16384$8$1$salt$key', 3600] })
  async open(em: EntityManager, userId: string, passwordHash: string, ttlSeconds: number): Promise<string | null> {
    return (await runOne(em, OPEN_SESSION, [userId, passwordHash, ttlSeconds]))?.id ?? null;
  }

  /** Ends one of the caller's own sessions. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async end(em: EntityManager, sessionId: string): Promise<void> {
    await em.update(SessionEntity, { id: sessionId, endedAt: IsNull() }, { endedAt: () => 'now()' });
  }

  /** The session's user while it stands; null once it ended or expired. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async userOf(em: EntityManager, sessionId: string): Promise<string | null> {
    return (await runOne(em, SESSION_USER, [sessionId]))?.userId ?? null;
  }
}
