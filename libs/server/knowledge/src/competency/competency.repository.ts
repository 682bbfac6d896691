// Statements of competency: certifications, training records, mentorships and their
// check-ins, competency rules, people's levels and profiles, and the daily claim of
// certifications about to expire.
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { CertificationEntity } from './certification.entity';
import { CompetencyRuleEntity } from './competency-rule.entity';
import {
  ACTIVE_MEMBERS,
  CLAIM_EXPIRING,
  ExpiringRow,
  LEVELS,
  ORGANIZATIONS,
  PROFILES,
  ProfileRow,
  RULES_AROUND,
  RULES_ON_PATH,
  RuleRow,
} from './competency.sql';
import { MentoringCheckInEntity } from './mentoring-check-in.entity';
import { MentorshipEntity } from './mentorship.entity';
import { TrainingRecordEntity } from './training-record.entity';

export type NewCertification = Omit<CertificationEntity, 'recordedAt' | 'expiryFlaggedAt'>;
export type NewTraining = Omit<TrainingRecordEntity, 'recordedAt'>;
export type NewMentorship = MentorshipEntity;
export type NewCheckIn = Omit<MentoringCheckInEntity, 'at'>;
export type NewRule = Omit<CompetencyRuleEntity, 'setAt'>;

const scope = { tenantId: DummyValue.UUID, orgId: DummyValue.UUID };

@Injectable()
export class CompetencyRepository {
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        ...scope,
        userId: DummyValue.UUID_2,
        name: DummyValue.TEXT,
        level: 3,
        issuedOn: DummyValue.DATE,
        expiresOn: null,
        recordedBy: DummyValue.UUID_2,
      },
    ],
  })
  async addCertification(em: EntityManager, certification: NewCertification): Promise<void> {
    await em.insert(CertificationEntity, certification);
  }

  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        ...scope,
        userId: DummyValue.UUID_2,
        course: DummyValue.TEXT,
        completedOn: DummyValue.DATE,
        hours: 8,
        recordedBy: DummyValue.UUID_2,
      },
    ],
  })
  async addTraining(em: EntityManager, training: NewTraining): Promise<void> {
    await em.insert(TrainingRecordEntity, training);
  }

  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        ...scope,
        mentorId: DummyValue.UUID,
        menteeId: DummyValue.UUID_2,
        goals: DummyValue.TEXT,
        startedOn: DummyValue.DATE,
        endedOn: null,
        startedBy: DummyValue.UUID,
      },
    ],
  })
  async addMentorship(em: EntityManager, mentorship: NewMentorship): Promise<void> {
    await em.insert(MentorshipEntity, mentorship);
  }

  @GenerateSql({ params: [{ id: DummyValue.UUID, mentorshipId: DummyValue.UUID, ...scope, notes: DummyValue.TEXT, loggedBy: DummyValue.UUID_2 }] })
  async addCheckIn(em: EntityManager, checkIn: NewCheckIn): Promise<void> {
    await em.insert(MentoringCheckInEntity, checkIn);
  }

  /** A mentorship the caller sees, locked: its end and its check-ins serialize. */
  @GenerateSql({ params: [DummyValue.UUID] })
  lockMentorship(em: EntityManager, id: string): Promise<MentorshipEntity | null> {
    return em.createQueryBuilder(MentorshipEntity, 'm').where('m.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.DATE] })
  async endMentorship(em: EntityManager, id: string, endedOn: string): Promise<void> {
    await em.update(MentorshipEntity, { id }, { endedOn });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  certifications(em: EntityManager, userIds: readonly string[]): Promise<CertificationEntity[]> {
    return em.find(CertificationEntity, { where: { userId: In([...userIds]) }, order: { issuedOn: 'DESC', id: 'ASC' } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  trainings(em: EntityManager, userIds: readonly string[]): Promise<TrainingRecordEntity[]> {
    return em.find(TrainingRecordEntity, { where: { userId: In([...userIds]) }, order: { completedOn: 'DESC', id: 'ASC' } });
  }

  /** The mentorships where any of the users is the mentor or the mentee. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  mentorshipsOf(em: EntityManager, userIds: readonly string[]): Promise<MentorshipEntity[]> {
    return em.find(MentorshipEntity, {
      where: [{ mentorId: In([...userIds]) }, { menteeId: In([...userIds]) }],
      order: { startedOn: 'DESC', id: 'ASC' },
    });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  mentorships(em: EntityManager, ids: readonly string[]): Promise<MentorshipEntity[]> {
    return em.find(MentorshipEntity, { where: { id: In([...ids]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  checkIns(em: EntityManager, mentorshipIds: readonly string[]): Promise<MentoringCheckInEntity[]> {
    return em.find(MentoringCheckInEntity, { where: { mentorshipId: In([...mentorshipIds]) }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Which of the users hold an ACTIVE membership the caller sees on the tenant or below it. */
  @GenerateSql({ params: [DummyValue.UUID_SET, DummyValue.UUID] })
  async activeMembers(em: EntityManager, userIds: readonly string[], tenantId: string): Promise<Set<string>> {
    return new Set((await run(em, ACTIVE_MEMBERS, [[...userIds], tenantId])).map((row) => row.userId));
  }

  /** The users' levels in the organization (0 without a valid certification). */
  @GenerateSql({ params: [DummyValue.UUID_SET, DummyValue.UUID] })
  async levels(em: EntityManager, userIds: readonly string[], orgId: string): Promise<Map<string, number>> {
    const found = new Map((await run(em, LEVELS, [[...userIds], orgId])).map((row) => [row.userId, row.level]));
    return new Map(userIds.map((id) => [id, found.get(id) ?? 0]));
  }

  @GenerateSql({ params: [DummyValue.UUID, 1] })
  rulesOnPath(em: EntityManager, tenantId: string, tier: number): Promise<RuleRow[]> {
    return run(em, RULES_ON_PATH, [tenantId, tier]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  rulesAround(em: EntityManager, tenantId: string): Promise<RuleRow[]> {
    return run(em, RULES_AROUND, [tenantId]);
  }

  /** Sets a tenant's rule for a tier; the previous minimum, or null when it had none. */
  @GenerateSql({ params: [{ ...scope, tier: 1, minManagerLevel: 3, setBy: DummyValue.UUID_2 }] })
  async setRule(em: EntityManager, rule: NewRule): Promise<number | null> {
    const before = await em.findOne(CompetencyRuleEntity, { where: { tenantId: rule.tenantId, tier: rule.tier }, lock: { mode: 'pessimistic_write' } });
    if (before)
      await em.update(
        CompetencyRuleEntity,
        { tenantId: rule.tenantId, tier: rule.tier },
        { minManagerLevel: rule.minManagerLevel, setBy: rule.setBy, setAt: () => 'now()' },
      );
    else await em.insert(CompetencyRuleEntity, rule);
    return before?.minManagerLevel ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID] })
  profiles(em: EntityManager, tenantId: string, orgId: string): Promise<ProfileRow[]> {
    return run(em, PROFILES, [tenantId, orgId]);
  }

  @GenerateSql({ params: [DummyValue.DATE, '2026-03-16'] })
  claimExpiring(em: EntityManager, from: string, until: string): Promise<ExpiringRow[]> {
    return run(em, CLAIM_EXPIRING, [from, until]);
  }

  /** Every organization: the daily job runs outside any tenant context, through the definer function. */
  @GenerateSql()
  async organizations(em: EntityManager): Promise<string[]> {
    return (await run(em, ORGANIZATIONS, [])).map((row) => row.orgId);
  }
}
