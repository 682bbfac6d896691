// Document templates: Markdown bodies whose level-2 headings are the sections a project
// document of that kind must have, through the standards lifecycle.
import { Injectable } from '@nestjs/common';
import { StandardLifecycle } from '../lifecycle/standard-lifecycle.service';
import { CreateDocumentTemplateInput, UpdateDocumentTemplateInput } from './document-template.inputs';
import { DocumentTemplateModel } from './document-template.model';
import { DOCUMENT_TEMPLATES } from './document-template.standard';

@Injectable()
export class DocumentTemplateService {
  constructor(private readonly lifecycle: StandardLifecycle) {}

  find(id: string): Promise<DocumentTemplateModel | null> {
    return this.lifecycle.find(DOCUMENT_TEMPLATES, id);
  }

  inForce(tenantId: string): Promise<DocumentTemplateModel[]> {
    return this.lifecycle.inForce(DOCUMENT_TEMPLATES, tenantId);
  }

  create(input: CreateDocumentTemplateInput): Promise<DocumentTemplateModel> {
    return this.lifecycle.create(DOCUMENT_TEMPLATES, input.tenantId, { title: input.title, kind: input.kind, body: input.body });
  }

  update(input: UpdateDocumentTemplateInput): Promise<DocumentTemplateModel> {
    return this.lifecycle.revise(DOCUMENT_TEMPLATES, input.id, (template) => ({
      title: input.title ?? template.title,
      kind: input.kind ?? template.kind,
      body: input.body ?? template.body,
    }));
  }

  publish(id: string): Promise<DocumentTemplateModel> {
    return this.lifecycle.publish(DOCUMENT_TEMPLATES, id);
  }

  retire(id: string): Promise<DocumentTemplateModel> {
    return this.lifecycle.retire(DOCUMENT_TEMPLATES, id);
  }
}
