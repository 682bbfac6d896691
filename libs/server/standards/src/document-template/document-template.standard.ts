// Document templates in the standards lifecycle, without a table of versions: a published
// template's edits count its version and take effect at once.
import { LifecycleStandard } from '../lifecycle/standard';
import { DocumentTemplateEntity } from './document-template.entity';
import { DocumentTemplateModel } from './document-template.model';

export const DOCUMENT_TEMPLATES: LifecycleStandard<DocumentTemplateEntity, DocumentTemplateModel> = {
  entity: DocumentTemplateEntity,
  noun: 'document template',
  audit: 'document_template',
  order: ['s.kind', 'lower(s.title)', 's.id'],
  toModel: (template) => ({
    id: template.id,
    title: template.title,
    kind: template.kind,
    body: template.body,
    status: template.status,
    version: template.version,
    updatedAt: template.updatedAt,
    tenantId: template.tenantId,
    orgId: template.orgId,
  }),
};
