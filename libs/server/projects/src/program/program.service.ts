// Programs: named groups of projects inside one tenant.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService, AuditService, byKeys, conflict, loadNow, Permission, requestLoader, TenantDb } from '@pmo/core';
import { CreateProgramInput } from './program.inputs';
import { programModel, ProgramModel } from './program.model';
import { ProgramEntity } from './program.entity';
import { ProgramRepository } from './program.repository';

@Injectable()
export class ProgramService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRepository,
  ) {}

  async create(input: CreateProgramInput): Promise<ProgramModel> {
    const { tenantId, name } = input;
    const description = input.description ?? null;
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.MANAGE_PROJECTS, [tenantId]);
      const orgId = (await this.programs.orgOf(em, tenantId)) as string;
      const id = randomUUID();
      if (!(await this.programs.insert(em, { id, orgId, tenantId, name, description }))) {
        throw conflict(`A program named "${name}" exists in this tenant`, { field: 'name' });
      }
      const program = (await this.programs.findById(em, id)) as ProgramEntity;
      await this.audit.record(em, { tenantId: program.tenantId, orgId, entity: 'program', entityId: id, action: 'create', after: { name, description } });
      return programModel(program);
    });
  }

  async list(tenantId: string): Promise<ProgramModel[]> {
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [tenantId]);
      return (await this.programs.listByTenant(em, tenantId)).map(programModel);
    });
  }

  /** Batched per request: a list of projects asking for their programs costs one statement (a value once read: loadNow). */
  load(id: string): ProgramModel | null | Promise<ProgramModel | null> {
    return loadNow(
      requestLoader<string, ProgramModel | null>('projects.program', (ids) =>
        this.db.transaction(async (em) => byKeys(ids, (await this.programs.findByIds(em, ids)).map(programModel), (row) => row.id), { fresh: true }),
      ),
      id,
    );
  }
}
