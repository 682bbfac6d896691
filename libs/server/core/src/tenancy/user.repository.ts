// Statements on accounts. The runtime roles read ids and emails only; passwords are
// written as hashes and compared by the database (see user.sql.ts).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { runOne } from '../database/sql';
import { UserEntity } from './user.entity';
import { CHANGE_OWN_PASSWORD, USER_BY_EMAIL, USER_BY_ID, USER_WITH_SETTINGS, UserCredentialsRow, UserWithSettingsRow } from './user.sql';

export type UserIdentity = Pick<UserEntity, 'id' | 'email'>;
export type NewUser = Pick<UserEntity, 'id' | 'email' | 'passwordHash'>;

@Injectable()
export class UserRepository {
  /** Any account by email, visible or not (its id and password settings only). */
  @GenerateSql({ params: [DummyValue.EMAIL] })
  credentialsByEmail(em: EntityManager, email: string): Promise<UserCredentialsRow | undefined> {
    return runOne(em, USER_BY_EMAIL, [email]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  withPasswordSettings(em: EntityManager, userId: string): Promise<UserWithSettingsRow | undefined> {
    return runOne(em, USER_WITH_SETTINGS, [userId]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async byId(em: EntityManager, id: string): Promise<UserIdentity | null> {
    // `me` and every user field: a named statement, so no query is built per call.
    return (await runOne(em, USER_BY_ID, [id])) ?? null;
  }

  @GenerateSql({ params: [{ id: DummyValue.UUID, email: DummyValue.EMAIL, passwordHash: '' }] })
  async insert(em: EntityManager, user: NewUser): Promise<void> {
    // No read-back: a new account is not visible to its creator until it holds a membership.
    await em.createQueryBuilder().insert().into(UserEntity).values(user).updateEntity(false).execute();
  }

  /** Gives the account in the caller's context (sign-up of an invited account) its password. */
  @GenerateSql({ params: [DummyValue.UUID, 'scrypt$16384$8$1$salt$key'] })
  async setPassword(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.update(UserEntity, { id }, { passwordHash });
  }

  /** The caller's own password, when `currentHash` is the current one's key; every session of theirs ends. */
  @GenerateSql({ params: ['scrypt$16384$8$1$salt$old', 'scrypt$16384$8$1$salt$new'] })
  async changeOwnPassword(em: EntityManager, currentHash: string, newHash: string): Promise<boolean> {
    return (await runOne(em, CHANGE_OWN_PASSWORD, [currentHash, newHash]))?.changed === true;
  }
}
