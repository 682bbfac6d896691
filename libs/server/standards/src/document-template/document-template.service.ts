// Document templates: Markdown bodies whose level-2 headings are the sections a project
// document of that kind must have. One row per template; publishing after a change
// only counts the version.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { StandardStatus } from '@pmo/shared';
import { AuditService, badInput, checkText, requireUuid, TenantDb } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { checkTemplateBody } from '../validation';
import { CreateDocumentTemplateInput, UpdateDocumentTemplateInput } from './document-template.inputs';
import { DocumentTemplateModel } from './document-template.model';

const COLUMNS = `id, title, kind, body, status, version, updated_at AS "updatedAt", tenant_id AS "tenantId", org_id AS "orgId"`;

@Injectable()
export class DocumentTemplateService {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
  ) {}

  async find(id: string): Promise<DocumentTemplateModel | null> {
    const key = requireUuid(id, 'id');
    return this.db.transaction(async (em) => {
      const [row] = await em.query(`SELECT ${COLUMNS} FROM document_templates WHERE id = $1`, [key]);
      return (row as DocumentTemplateModel | undefined) ?? null;
    });
  }

  /** In force at a tenant: all of its own, and its ancestors' published ones. */
  inForce(tenantId: string): Promise<DocumentTemplateModel[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      return em.query(
        `SELECT ${COLUMNS} FROM document_templates
          WHERE tenant_id = $1 OR (status = 'PUBLISHED' AND tenant_id = ANY ($2::uuid[]))
          ORDER BY array_position($2::uuid[], tenant_id), kind, lower(title), id`,
        [tenant.id, tenant.path],
      );
    });
  }

  async create(input: CreateDocumentTemplateInput): Promise<DocumentTemplateModel> {
    const title = checkText(input.title, 'title');
    const body = checkTemplateBody(input.body);
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, input.tenantId);
      const [template]: DocumentTemplateModel[] = await em.query(
        `INSERT INTO document_templates (id, org_id, tenant_id, title, kind, body) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [randomUUID(), owner.orgId, owner.id, title, input.kind, body],
      );
      await this.record(em, template, 'create', undefined);
      return template;
    });
  }

  async update(input: UpdateDocumentTemplateInput): Promise<DocumentTemplateModel> {
    const title = input.title === undefined || input.title === null ? null : checkText(input.title, 'title');
    const body = input.body === undefined || input.body === null ? null : checkTemplateBody(input.body);
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<DocumentTemplateModel>(em, 'document_templates', input.id, 'Document template', COLUMNS);
      if (before.status === StandardStatus.RETIRED) throw badInput('A retired document template cannot be changed', { field: 'id' });
      const version = before.status === StandardStatus.PUBLISHED ? before.version + 1 : before.version;
      // UPDATE answers [rows, count].
      const [[after]]: [DocumentTemplateModel[], number] = await em.query(
        `UPDATE document_templates SET title = $2, kind = $3, body = $4, version = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, title ?? before.title, input.kind ?? before.kind, body ?? before.body, version],
      );
      await this.record(em, after, 'update', before);
      return after;
    });
  }

  async publish(id: string): Promise<DocumentTemplateModel> {
    return this.changeStatus(id, StandardStatus.DRAFT, StandardStatus.PUBLISHED, 'publish');
  }

  async retire(id: string): Promise<DocumentTemplateModel> {
    return this.changeStatus(id, StandardStatus.PUBLISHED, StandardStatus.RETIRED, 'retire');
  }

  private changeStatus(id: string, from: StandardStatus, to: StandardStatus, action: string): Promise<DocumentTemplateModel> {
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<DocumentTemplateModel>(em, 'document_templates', id, 'Document template', COLUMNS);
      if (before.status !== from) throw badInput(`Only a ${from} document template can be ${to}; this one is ${before.status}`, { field: 'id' });
      const [[after]]: [DocumentTemplateModel[], number] = await em.query(
        `UPDATE document_templates SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, to],
      );
      await this.record(em, after, action, before);
      return after;
    });
  }

  private record(em: EntityManager, after: DocumentTemplateModel, action: string, before: DocumentTemplateModel | undefined) {
    return this.audit.record(em, { tenantId: after.tenantId, orgId: after.orgId, entity: 'document_template', entityId: after.id, action, before, after });
  }
}
