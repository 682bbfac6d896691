import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/** An organization's text search configuration for its lessons (english when it has no row). */
@Entity('lesson_search_settings')
@Check('lesson_search_settings_search_config_check', 'length(search_config) >= 1 AND length(search_config) <= 63')
export class LessonSearchSettingEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  /** The hub: the organization's own tenant. */
  @Index('lesson_search_settings_tenant')
  @ForeignKey(() => TenantEntity, { name: 'lesson_search_settings_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('text', { name: 'search_config' }) searchConfig: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
