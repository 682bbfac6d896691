// The competency of project managers: certifications, training and mentorships recorded
// by a PMO for the people of its subtree, their profiles, and the competency rules that
// governance applies (through core's ManagerCompetency port, see competency-governance.ts).
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  AuditService,
  badInput,
  checkText,
  conflict,
  currentContext,
  dateOf,
  forbidden,
  groupByKeys,
  notFound,
  Permission,
  requestLoader,
  TenantDb,
  TenantRepository,
} from '@pmo/core';
import { CertificationEntity } from './certification.entity';
import {
  CertificationModel,
  CompetencyRuleModel,
  MentoringCheckInModel,
  MentorshipModel,
  PmProfileModel,
  RecordCertificationInput,
  RecordTrainingInput,
  SetCompetencyRuleInput,
  StartMentorshipInput,
  TrainingRecordModel,
} from './competency.model';
import { CompetencyRepository } from './competency.repository';
import { checkCertificationDates, checkRaiseOnly, isValid, ruleInForce } from './competency.rules';
import { MentorshipEntity } from './mentorship.entity';
import { TrainingRecordEntity } from './training-record.entity';

const today = () => dateOf(new Date());

const certificationModel = (row: CertificationEntity, on: string): CertificationModel => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  level: row.level,
  issuedOn: row.issuedOn,
  expiresOn: row.expiresOn,
  valid: isValid(row, on),
});

const trainingModel = (row: TrainingRecordEntity): TrainingRecordModel => ({
  id: row.id,
  userId: row.userId,
  course: row.course,
  completedOn: row.completedOn,
  hours: row.hours,
});

const mentorshipModel = (row: MentorshipEntity): MentorshipModel => ({
  id: row.id,
  mentorId: row.mentorId,
  menteeId: row.menteeId,
  goals: row.goals,
  startedOn: row.startedOn,
  endedOn: row.endedOn,
});

interface Scope {
  tenantId: string;
  orgId: string;
}

@Injectable()
export class CompetencyService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly tenants: TenantRepository,
    private readonly competency: CompetencyRepository,
    private readonly audit: AuditService,
  ) {}

  async recordCertification(input: RecordCertificationInput): Promise<CertificationModel> {
    const expiresOn = input.expiresOn ?? null;
    checkCertificationDates(input.issuedOn, expiresOn);
    return this.db.transaction(async (em) => {
      const scope = await this.lead(em, input.tenantId);
      await this.requireMembers(em, scope, [input.userId]);
      const row = {
        id: randomUUID(),
        ...scope,
        userId: input.userId,
        name: input.name,
        level: input.level,
        issuedOn: input.issuedOn,
        expiresOn,
        recordedBy: this.userId(),
      };
      await this.competency.addCertification(em, row);
      await this.audit.record(em, { ...scope, entity: 'certification', entityId: row.id, action: 'record', after: row });
      return certificationModel({ ...row, recordedAt: new Date(), expiryFlaggedAt: null }, today());
    });
  }

  async recordTraining(input: RecordTrainingInput): Promise<TrainingRecordModel> {
    return this.db.transaction(async (em) => {
      const scope = await this.lead(em, input.tenantId);
      await this.requireMembers(em, scope, [input.userId]);
      const row = {
        id: randomUUID(),
        ...scope,
        userId: input.userId,
        course: input.course,
        completedOn: input.completedOn,
        hours: input.hours,
        recordedBy: this.userId(),
      };
      await this.competency.addTraining(em, row);
      await this.audit.record(em, { ...scope, entity: 'training_record', entityId: row.id, action: 'record', after: row });
      return trainingModel({ ...row, recordedAt: new Date() });
    });
  }

  async startMentorship(input: StartMentorshipInput): Promise<MentorshipModel> {
    if (input.mentorId === input.menteeId) throw badInput('A mentor may not mentor themselves', { field: 'menteeId' });
    return this.db.transaction(async (em) => {
      const scope = await this.lead(em, input.tenantId);
      await this.requireMembers(em, scope, [input.mentorId, input.menteeId]);
      const row = {
        id: randomUUID(),
        ...scope,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        goals: input.goals,
        startedOn: today(),
        endedOn: null,
        startedBy: this.userId(),
      };
      await this.competency.addMentorship(em, row);
      await this.audit.record(em, { ...scope, entity: 'mentorship', entityId: row.id, action: 'start', after: row });
      return mentorshipModel(row);
    });
  }

  async logCheckIn(mentorshipId: string, notes: string): Promise<MentorshipModel> {
    const text = checkText(notes, 'notes', 4000);
    return this.db.transaction(async (em) => {
      const mentorship = await this.openMentorship(em, mentorshipId, 'mentorshipId');
      const scope = { tenantId: mentorship.tenantId, orgId: mentorship.orgId };
      const row = { id: randomUUID(), mentorshipId: mentorship.id, ...scope, notes: text, loggedBy: this.userId() };
      await this.competency.addCheckIn(em, row);
      await this.audit.record(em, { ...scope, entity: 'mentorship', entityId: mentorship.id, action: 'check-in', after: row });
      return mentorshipModel(mentorship);
    });
  }

  async endMentorship(id: string): Promise<MentorshipModel> {
    return this.db.transaction(async (em) => {
      const mentorship = await this.openMentorship(em, id, 'id');
      const endedOn = today();
      await this.competency.endMentorship(em, mentorship.id, endedOn);
      await this.audit.record(em, {
        tenantId: mentorship.tenantId,
        orgId: mentorship.orgId,
        entity: 'mentorship',
        entityId: mentorship.id,
        action: 'end',
        before: { endedOn: null },
        after: { endedOn },
      });
      return mentorshipModel({ ...mentorship, endedOn });
    });
  }

  async setRule(input: SetCompetencyRuleInput): Promise<CompetencyRuleModel> {
    return this.db.transaction(async (em) => {
      const scope = await this.lead(em, input.tenantId);
      const above = (await this.competency.rulesOnPath(em, scope.tenantId, input.tier)).filter((rule) => rule.tenantId !== scope.tenantId);
      checkRaiseOnly(ruleInForce(above, input.tier), input.minManagerLevel);
      const before = await this.competency.setRule(em, { ...scope, tier: input.tier, minManagerLevel: input.minManagerLevel, setBy: this.userId() });
      await this.audit.record(em, {
        ...scope,
        entity: 'competency_rule',
        entityId: `${scope.tenantId}:${input.tier}`,
        action: 'set',
        before: before === null ? null : { tier: input.tier, minManagerLevel: before },
        after: { tier: input.tier, minManagerLevel: input.minManagerLevel },
      });
      return { tenantId: scope.tenantId, tier: input.tier, minManagerLevel: input.minManagerLevel };
    });
  }

  /** The rules set on the tenant's path and in its subtree, by tier and depth. */
  async rules(tenantId: string): Promise<CompetencyRuleModel[]> {
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [tenantId]);
      return (await this.competency.rulesAround(em, tenantId)).map(({ tenantId: owner, tier, minManagerLevel }) => ({
        tenantId: owner,
        tier,
        minManagerLevel,
      }));
    });
  }

  /** The subtree's people with their records: one statement for the people, one per kind of record. */
  async profiles(tenantId: string): Promise<PmProfileModel[]> {
    return this.db.transaction(async (em) => {
      const [tenant] = await this.tenants.paths(em, [tenantId]);
      if (!tenant) throw notFound('Tenant');
      await this.access.requireOnPaths(em, Permission.READ, [tenant]);
      const people = await this.competency.profiles(em, tenant.id, tenant.path[0]);
      if (!people.length) return [];
      const ids = people.map((person) => person.userId);
      const certifications = await this.competency.certifications(em, ids);
      const trainings = await this.competency.trainings(em, ids);
      const mentorships = await this.competency.mentorshipsOf(em, ids);
      const on = today();
      const certificationsOf = groupByKeys(ids, certifications, (row) => row.userId);
      const trainingOf = groupByKeys(ids, trainings, (row) => row.userId);
      return people.map((person, i) => ({
        ...person,
        certifications: certificationsOf[i].map((row) => certificationModel(row, on)),
        training: trainingOf[i].map(trainingModel),
        mentorships: mentorships.filter((m) => m.mentorId === person.userId || m.menteeId === person.userId).map(mentorshipModel),
      }));
    });
  }

  /** Mentorships' check-ins, oldest first (batched per request). */
  checkIns(mentorshipId: string): Promise<MentoringCheckInModel[]> {
    return requestLoader<string, MentoringCheckInModel[]>('competency.checkIns', (ids) =>
      this.db.transaction(
        async (em) =>
          groupByKeys(ids, await this.competency.checkIns(em, ids), (row) => row.mentorshipId).map((rows) => rows.map(({ at, notes }) => ({ at, notes }))),
        { fresh: true },
      ),
    ).load(mentorshipId);
  }

  private userId(): string {
    const actor = currentContext().actor;
    if (actor.kind !== 'user') throw forbidden();
    return actor.userId;
  }

  /** The tenant and its organization, once the caller is known to be a PMO_LEAD or above there (NOT_FOUND when they cannot see it). */
  private async lead(em: EntityManager, tenantId: string): Promise<Scope> {
    const [tenant] = await this.tenants.paths(em, [tenantId]);
    if (!tenant) throw notFound('Tenant');
    await this.access.requireOnPaths(em, Permission.MANAGE_MEMBERS, [tenant]);
    // The organization's id is its hub's, the root of every path.
    return { tenantId: tenant.id, orgId: tenant.path[0] };
  }

  /** Records are kept for the active members of the tenant's subtree; anyone else is not found. */
  private async requireMembers(em: EntityManager, scope: Scope, userIds: string[]): Promise<void> {
    const members = await this.competency.activeMembers(em, userIds, scope.tenantId);
    if (userIds.some((id) => !members.has(id))) throw notFound('User');
  }

  /** A mentorship the caller leads (locked), still open. */
  private async openMentorship(em: EntityManager, id: string, field: string): Promise<MentorshipEntity> {
    const mentorship = await this.competency.lockMentorship(em, id);
    if (!mentorship) throw notFound('Mentorship');
    await this.lead(em, mentorship.tenantId);
    if (mentorship.endedOn !== null) throw conflict(`The mentorship ended on ${mentorship.endedOn}`, { field });
    return mentorship;
  }
}
