// Rows the library's repository tests start from, written as the owner (RLS does not
// apply to it): projects, and the standards library's KPI definitions and methodologies
// that values and projects refer to.
import { randomUUID } from 'node:crypto';
import { KpiAggregation, ProjectState, StandardStatus } from '@pmo/shared';
import type { RepositoryTestDb, SeededTenant } from '@pmo/testing';
import { ProjectEntity } from '../project/project.entity';

export async function seedProject(db: RepositoryTestDb, tenant: SeededTenant, extra: Partial<ProjectEntity> = {}): Promise<ProjectEntity> {
  const id = randomUUID();
  await db.owner.getRepository(ProjectEntity).insert({
    id,
    orgId: tenant.orgId,
    tenantId: tenant.id,
    code: `P-${id.slice(0, 8)}`,
    name: 'Project',
    state: ProjectState.ACTIVE,
    ...extra,
  });
  return db.owner.getRepository(ProjectEntity).findOneByOrFail({ id });
}

export async function seedKpi(
  db: RepositoryTestDb,
  tenant: SeededTenant,
  key: string,
  options: { aggregation?: KpiAggregation; status?: StandardStatus; mandatory?: boolean } = {},
): Promise<string> {
  const id = randomUUID();
  await db.owner.query(
    `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, aggregation, direction, status, mandatory)
     VALUES ($1, $2, $3, $4, $4, $5, 'HIGHER_IS_BETTER', $6, $7)`,
    [id, tenant.orgId, tenant.id, key, options.aggregation ?? KpiAggregation.SUM, options.status ?? StandardStatus.PUBLISHED, options.mandatory ?? false],
  );
  return id;
}

/** A methodology with one version per snapshot given (versions 1, 2, ...), in `status`. */
export async function seedMethodology(db: RepositoryTestDb, tenant: SeededTenant, status: StandardStatus, snapshots: object[]): Promise<string> {
  const id = randomUUID();
  await db.owner.query(`INSERT INTO methodologies (id, org_id, tenant_id, name, definition, status, version) VALUES ($1, $2, $3, 'Method', $4, $5, $6)`, [
    id,
    tenant.orgId,
    tenant.id,
    JSON.stringify(snapshots.at(-1) ?? {}),
    status,
    Math.max(1, snapshots.length),
  ]);
  for (const [index, snapshot] of snapshots.entries()) {
    await db.owner.query(
      `INSERT INTO methodology_versions (methodology_id, version, tenant_id, org_id, name, snapshot) VALUES ($1, $2, $3, $4, 'Method', $5)`,
      [id, index + 1, tenant.id, tenant.orgId, JSON.stringify(snapshot)],
    );
  }
  return id;
}
