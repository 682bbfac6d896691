import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { LessonState, LessonVisibility } from './lesson.rules';

/** A lesson learned on a project; `search` is the database's (a trigger writes it from the text, in `searchConfig`). */
@Entity('lessons')
@Check('lessons_impact_check', 'length(impact) >= 1 AND length(impact) <= 4000')
@Check('lessons_phase_check', 'length(phase) >= 1 AND length(phase) <= 200')
@Check('lessons_recommendation_check', 'length(recommendation) >= 1 AND length(recommendation) <= 4000')
@Check('lessons_state_check', `state = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text, 'PUBLISHED'::text, 'RETIRED'::text])`)
@Check('lessons_tags_check', 'cardinality(tags) <= 20')
@Check('lessons_title_check', 'length(title) >= 1 AND length(title) <= 200')
@Check('lessons_visibility_check', `visibility = ANY (ARRAY['BRANCH'::text, 'ORGANIZATION'::text])`)
@Check('lessons_what_happened_check', 'length(what_happened) >= 1 AND length(what_happened) <= 10000')
export class LessonEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('lessons_project')
  @ForeignKey('projects', { name: 'lessons_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('lessons_tenant')
  @ForeignKey(() => TenantEntity, { name: 'lessons_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Index('lessons_org')
  @Column('uuid', { name: 'org_id' })
  orgId: string;
  @ForeignKey(() => UserEntity, { name: 'lessons_author_id_fkey' })
  @Column('uuid', { name: 'author_id' })
  authorId: string;
  @Column('text') title: string;
  @Column('text', { name: 'what_happened' }) whatHappened: string;
  @Column('text', { nullable: true }) impact: string | null;
  @Column('text') recommendation: string;
  @Index('lessons_tags', { synchronize: false })
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];
  @Column('text', { nullable: true }) phase: string | null;
  @Column('text', { default: LessonState.DRAFT }) state: LessonState;
  @Column('text', { default: LessonVisibility.BRANCH }) visibility: LessonVisibility;
  /** Copied from the organization's setting by the database when the lesson is written. */
  @Column({ type: 'text', name: 'search_config', default: 'english', insert: false }) searchConfig: string;
  @Index('lessons_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  search: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @ForeignKey(() => UserEntity, { name: 'lessons_published_by_fkey' })
  @Column('uuid', { name: 'published_by', nullable: true })
  publishedBy: string | null;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
}
