import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { STATUS_CHECK, StandardEntity } from '../lifecycle/standard.entity';
import { DocumentKind } from './document-template.model';

/** A document template; publishing after a change only counts the version (no versions are kept). */
@Entity('document_templates')
@Index('document_templates_tenant', ['tenantId'])
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'document_templates_tenant_id_fkey' })
@Check('document_templates_status_check', STATUS_CHECK)
@Check('document_templates_title_check', `length(title) >= 1 AND length(title) <= 200`)
@Check(
  'document_templates_kind_check',
  `kind = ANY (ARRAY['CHARTER'::text, 'PLAN'::text, 'STATUS_REPORT'::text, 'RISK_REGISTER'::text, 'CLOSURE_REPORT'::text, 'LESSONS_LEARNED'::text])`,
)
@Check('document_templates_body_check', `octet_length(body) <= 102400`)
export class DocumentTemplateEntity extends StandardEntity {
  @Column('text') title: string;
  @Column('text') kind: DocumentKind;
  /** Markdown. */
  @Column('text') body: string;
}
