// Programs: named groups of projects inside one tenant.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService, AuditService, conflict, Permission, requireUuid, TenantDb } from '@pmo/core';
import { CreateProgramInput } from './dto/project.inputs';
import { ProgramModel } from './models/project.model';
import { PROGRAM_COLUMNS } from './project-rows';

@Injectable()
export class ProgramService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateProgramInput): Promise<ProgramModel> {
    const tenantId = requireUuid(input.tenantId, 'tenantId');
    const name = input.name;
    const description = input.description ?? null;
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.MANAGE_PROJECTS, [tenantId]);
      const [tenant] = await em.query('SELECT org_id FROM tenants WHERE id = $1', [tenantId]);
      const id = randomUUID();
      const inserted = await em.query(
        `INSERT INTO programs (id, org_id, tenant_id, name, description) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, lower(name)) DO NOTHING RETURNING id`,
        [id, tenant.org_id, tenantId, name, description],
      );
      if (!inserted.length) throw conflict(`A program named "${name}" exists in this tenant`);
      await this.audit.record(em, { tenantId, orgId: tenant.org_id, entity: 'program', entityId: id, action: 'create', after: { name, description } });
      const [program]: ProgramModel[] = await em.query(`SELECT ${PROGRAM_COLUMNS} FROM programs g WHERE g.id = $1`, [id]);
      return program;
    });
  }

  async list(tenantId: string): Promise<ProgramModel[]> {
    const id = requireUuid(tenantId, 'tenantId');
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [id]);
      return em.query(`SELECT ${PROGRAM_COLUMNS} FROM programs g WHERE g.tenant_id = $1 ORDER BY lower(g.name), g.id`, [id]);
    });
  }
}
