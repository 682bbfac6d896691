// The glossary: terms take effect when written (no drafts), for the owner's subtree. A
// spoke may define a term its hub also defines; both show, the spoke's own first.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, checkText, TenantDb } from '@pmo/core';
import { StandardOwners, unique } from '../standard-owners';
import { CreateGlossaryTermInput, UpdateGlossaryTermInput } from './glossary-term.inputs';
import { GlossaryTermModel } from './glossary-term.model';

const COLUMNS = `id, term, definition, updated_at AS "updatedAt", tenant_id AS "tenantId", org_id AS "orgId"`;
const MAX_DEFINITION = 10000;

@Injectable()
export class GlossaryService {
  constructor(
    private readonly db: TenantDb,
    private readonly owners: StandardOwners,
    private readonly audit: AuditService,
  ) {}

  /** The tenant's own terms and its ancestors', alphabetically; nearer owners first on a tie. */
  glossary(tenantId: string): Promise<GlossaryTermModel[]> {
    return this.db.transaction(async (em) => {
      const tenant = await this.owners.forRead(em, tenantId);
      return em.query(
        `SELECT ${COLUMNS} FROM glossary_terms WHERE tenant_id = ANY ($1::uuid[])
          ORDER BY lower(term), array_position($1::uuid[], tenant_id) DESC`,
        [tenant.path],
      );
    });
  }

  async create(input: CreateGlossaryTermInput): Promise<GlossaryTermModel> {
    const term = checkText(input.term, 'term');
    const definition = checkText(input.definition, 'definition', MAX_DEFINITION);
    return this.db.transaction(async (em) => {
      const owner = await this.owners.forCreate(em, input.tenantId);
      const [created]: GlossaryTermModel[] = await unique(
        em.query(`INSERT INTO glossary_terms (id, org_id, tenant_id, term, definition) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`, [
          randomUUID(),
          owner.orgId,
          owner.id,
          term,
          definition,
        ]),
        `"${term}" is already in this glossary`,
      );
      await this.record(em, created, 'create', undefined, created);
      return created;
    });
  }

  async update(input: UpdateGlossaryTermInput): Promise<GlossaryTermModel> {
    const term = input.term === undefined || input.term === null ? null : checkText(input.term, 'term');
    const definition = input.definition === undefined || input.definition === null ? null : checkText(input.definition, 'definition', MAX_DEFINITION);
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<GlossaryTermModel>(em, 'glossary_terms', input.id, 'Glossary term', COLUMNS);
      // UPDATE answers [rows, count].
      const [[after]]: [GlossaryTermModel[], number] = await unique(
        em.query(`UPDATE glossary_terms SET term = $2, definition = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
          before.id,
          term ?? before.term,
          definition ?? before.definition,
        ]),
        `"${term ?? before.term}" is already in this glossary`,
      );
      await this.record(em, after, 'update', before, after);
      return after;
    });
  }

  /** Returns the deleted term. */
  async delete(id: string): Promise<GlossaryTermModel> {
    return this.db.transaction(async (em) => {
      const before = await this.owners.forChange<GlossaryTermModel>(em, 'glossary_terms', id, 'Glossary term', COLUMNS);
      await em.query('DELETE FROM glossary_terms WHERE id = $1', [before.id]);
      await this.record(em, before, 'delete', before, undefined);
      return before;
    });
  }

  private record(em: EntityManager, term: GlossaryTermModel, action: string, before: GlossaryTermModel | undefined, after: GlossaryTermModel | undefined) {
    return this.audit.record(em, { tenantId: term.tenantId, orgId: term.orgId, entity: 'glossary_term', entityId: term.id, action, before, after });
  }
}
