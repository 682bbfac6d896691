import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A mentor and a mentee with goals, from the day it started to the day it ended. */
@Entity('mentorships')
@Check('mentorships_check', 'mentor_id <> mentee_id')
@Check('mentorships_check1', 'ended_on IS NULL OR ended_on >= started_on')
@Check('mentorships_goals_check', 'length(goals) >= 1 AND length(goals) <= 4000')
export class MentorshipEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('mentorships_tenant')
  @ForeignKey(() => TenantEntity, { name: 'mentorships_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('mentorships_mentor')
  /** (mentor_id, mentee_id) WHERE ended_on IS NULL: one open mentorship per pair; partial, the migration's to declare. */
  @Index('mentorships_open_pair', { synchronize: false, unique: true } as IndexOptions)
  @ForeignKey(() => UserEntity, { name: 'mentorships_mentor_id_fkey' })
  @Column('uuid', { name: 'mentor_id' })
  mentorId: string;
  @Index('mentorships_mentee')
  @ForeignKey(() => UserEntity, { name: 'mentorships_mentee_id_fkey' })
  @Column('uuid', { name: 'mentee_id' })
  menteeId: string;
  @Column('text') goals: string;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'started_on' }) startedOn: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @ForeignKey(() => UserEntity, { name: 'mentorships_started_by_fkey' })
  @Column('uuid', { name: 'started_by' })
  startedBy: string;
}
