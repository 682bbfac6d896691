import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { MentorshipEntity } from './mentorship.entity';

/** A meeting of a mentorship, with its notes; append-only. */
@Entity('mentoring_check_ins')
@Check('mentoring_check_ins_notes_check', 'length(notes) >= 1 AND length(notes) <= 4000')
@Index('mentoring_check_ins_mentorship', ['mentorshipId', 'at'])
export class MentoringCheckInEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => MentorshipEntity, { name: 'mentoring_check_ins_mentorship_id_fkey' })
  @Column('uuid', { name: 'mentorship_id' })
  mentorshipId: string;
  @Index('mentoring_check_ins_tenant')
  @ForeignKey(() => TenantEntity, { name: 'mentoring_check_ins_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('text') notes: string;
  @ForeignKey(() => UserEntity, { name: 'mentoring_check_ins_logged_by_fkey' })
  @Column('uuid', { name: 'logged_by' })
  loggedBy: string;
}
