// The glossary: terms take effect when written (no drafts), for the owner's subtree. A
// spoke may define a term its hub also defines; both show, the spoke's own first.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, TenantDb } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { GlossaryTermEntity } from './glossary-term.entity';
import { CreateGlossaryTermInput, UpdateGlossaryTermInput } from './glossary-term.inputs';
import { GlossaryTermModel } from './glossary-term.model';
import { GlossaryRepository } from './glossary.repository';

const toModel = (term: GlossaryTermEntity): GlossaryTermModel => ({
  id: term.id,
  term: term.term,
  definition: term.definition,
  updatedAt: term.updatedAt,
  tenantId: term.tenantId,
  orgId: term.orgId,
});

@Injectable()
export class GlossaryService {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
    private readonly terms: GlossaryRepository,
  ) {}

  /** The tenant's own terms and its ancestors', alphabetically; nearer owners first on a tie. */
  glossary(tenantId: string): Promise<GlossaryTermModel[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      return (await this.terms.glossary(em, tenant.path)).map(toModel);
    });
  }

  /** A term already in the owner's glossary (ignoring case) is CONFLICT on `term`. */
  create(input: CreateGlossaryTermInput): Promise<GlossaryTermModel> {
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, input.tenantId);
      const created = toModel(
        await this.terms.insert(em, { id: randomUUID(), orgId: owner.orgId, tenantId: owner.id, term: input.term, definition: input.definition }),
      );
      await this.record(em, created, 'create', undefined, created);
      return created;
    });
  }

  update(input: UpdateGlossaryTermInput): Promise<GlossaryTermModel> {
    return this.db.transaction(async (em) => {
      const current = await this.owners.forChange(em, GlossaryTermEntity, input.id, 'Glossary term');
      const after = await this.terms.update(em, current, { term: input.term ?? current.term, definition: input.definition ?? current.definition });
      const [before, updated] = [toModel(current), toModel(after)];
      await this.record(em, updated, 'update', before, updated);
      return updated;
    });
  }

  /** Returns the deleted term. */
  delete(id: string): Promise<GlossaryTermModel> {
    return this.db.transaction(async (em) => {
      const before = toModel(await this.owners.forChange(em, GlossaryTermEntity, id, 'Glossary term'));
      await this.terms.delete(em, before.id);
      await this.record(em, before, 'delete', before, undefined);
      return before;
    });
  }

  private record(em: EntityManager, term: GlossaryTermModel, action: string, before: GlossaryTermModel | undefined, after: GlossaryTermModel | undefined) {
    return this.audit.record(em, { tenantId: term.tenantId, orgId: term.orgId, entity: 'glossary_term', entityId: term.id, action, before, after });
  }
}
