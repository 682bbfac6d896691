import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/** A term as its owner's subtree uses it: in force once written, no lifecycle. */
@Entity('glossary_terms')
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'glossary_terms_tenant_id_fkey' })
@Check('glossary_terms_term_check', `length(term) >= 1 AND length(term) <= 200`)
@Check('glossary_terms_definition_check', `length(definition) >= 1 AND length(definition) <= 10000`)
export class GlossaryTermEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  /** Unique per owner, ignoring case: (tenant_id, lower(term)). */
  @Index('glossary_terms_term', { synchronize: false, unique: true } as IndexOptions)
  @Column('text')
  term: string;
  @Column('text') definition: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
