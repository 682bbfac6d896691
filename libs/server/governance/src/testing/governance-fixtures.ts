// Rows the governance repository tests stand on, written as the owner (RLS does not apply
// to it): projects with their methodology, phases and timeline, reports, KPIs, milestones.
import { randomUUID } from 'node:crypto';
import { RepositoryTestDb, SeededTenant } from '@pmo/testing';

export interface SeededProject {
  id: string;
  tenant: SeededTenant;
}

export interface PhaseSeed {
  name: string;
  gate?: { name: string; deliverables: string[]; approverRole: string; quorum?: number; minApproverLevel?: number };
}

export interface ProjectSeed {
  code?: string;
  state?: string;
  startDate?: string | null;
  createdAt?: string;
  managerId?: string | null;
  /** Follows a published methodology version with these phases (the first one current) and cadence. */
  phases?: PhaseSeed[];
  cadence?: { dueDay: number; graceDays?: number };
}

export class GovernanceFixtures {
  constructor(private readonly db: RepositoryTestDb) {}

  async project(tenant: SeededTenant, seed: ProjectSeed = {}): Promise<SeededProject> {
    const id = randomUUID();
    let methodology: { id: string; version: number } | null = null;
    if (seed.phases || seed.cadence) {
      methodology = { id: randomUUID(), version: 1 };
      const snapshot = {
        phases: (seed.phases ?? []).map((phase) => ({ name: phase.name, gate: phase.gate ?? null })),
        milestones: [],
        cadence: { frequency: 'MONTHLY', ...(seed.cadence ?? { dueDay: 5 }) },
      };
      await this.db.owner.query(`INSERT INTO methodologies (id, org_id, tenant_id, name, definition, status) VALUES ($1, $2, $3, 'Method', $4, 'PUBLISHED')`, [
        methodology.id,
        tenant.orgId,
        tenant.id,
        snapshot,
      ]);
      await this.db.owner.query(
        `INSERT INTO methodology_versions (methodology_id, version, tenant_id, org_id, name, snapshot) VALUES ($1, 1, $2, $3, 'Method', $4)`,
        [methodology.id, tenant.id, tenant.orgId, snapshot],
      );
    }
    await this.db.owner.query(
      `INSERT INTO projects (id, org_id, tenant_id, code, name, state, start_date, created_at, manager_id, methodology_id, methodology_version, current_phase)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        tenant.orgId,
        tenant.id,
        seed.code ?? `P-${id.slice(0, 8)}`,
        seed.state ?? 'ACTIVE',
        seed.startDate ?? null,
        seed.createdAt ?? new Date().toISOString(),
        seed.managerId ?? null,
        methodology?.id ?? null,
        methodology?.version ?? null,
        seed.phases?.[0]?.name ?? null,
      ],
    );
    for (const [position, phase] of (seed.phases ?? []).entries()) {
      await this.db.owner.query(
        `INSERT INTO project_phases (project_id, position, tenant_id, org_id, name, gate_name, gate_deliverables, gate_approver_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          position,
          tenant.id,
          tenant.orgId,
          phase.name,
          phase.gate?.name ?? null,
          JSON.stringify(phase.gate?.deliverables ?? []),
          phase.gate?.approverRole ?? null,
        ],
      );
    }
    return { id, tenant };
  }

  /** Puts the project in the last entry's state and phase, with exactly this history of states and phases. */
  async timeline(project: SeededProject, entries: Array<{ at: string; state: string; phase?: string | null }>): Promise<void> {
    const last = entries[entries.length - 1];
    await this.db.owner.query('UPDATE projects SET state = $2, current_phase = $3 WHERE id = $1', [project.id, last.state, last.phase ?? null]);
    // What the trigger recorded for that update (and before) gives way to the history given.
    await this.db.owner.query('DELETE FROM project_timeline WHERE project_id = $1', [project.id]);
    for (const entry of entries) {
      await this.db.owner.query(`INSERT INTO project_timeline (project_id, tenant_id, org_id, state, current_phase, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        project.id,
        project.tenant.id,
        project.tenant.orgId,
        entry.state,
        entry.phase ?? null,
        entry.at,
      ]);
    }
  }

  /** A status report first submitted at `submittedAt`; with `replacedAt`, replaced then (the first stays in the history). */
  async report(
    project: SeededProject,
    period: string,
    submittedAt: string,
    options: { replacedAt?: string; overall?: string; summary?: string } = {},
  ): Promise<void> {
    const id = randomUUID();
    const { tenant } = project;
    if (options.replacedAt) {
      await this.db.owner.query(
        `INSERT INTO status_report_history (report_id, project_id, tenant_id, org_id, period, overall, summary, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'AMBER', 'first', $6)`,
        [id, project.id, tenant.id, tenant.orgId, period, submittedAt],
      );
    }
    await this.db.owner.query(
      `INSERT INTO status_reports (id, project_id, tenant_id, org_id, period, overall, summary, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, project.id, tenant.id, tenant.orgId, period, options.overall ?? 'GREEN', options.summary ?? 'On track', options.replacedAt ?? submittedAt],
    );
  }

  async kpi(tenant: SeededTenant, key: string, options: { mandatory?: boolean; status?: string; green?: number; amber?: number } = {}): Promise<string> {
    const id = randomUUID();
    await this.db.owner.query(
      `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, aggregation, direction, green_threshold, amber_threshold, mandatory, status)
       VALUES ($1, $2, $3, $4, $4, 'AVG', 'HIGHER_IS_BETTER', $5, $6, $7, $8)`,
      [id, tenant.orgId, tenant.id, key, options.green ?? null, options.amber ?? null, options.mandatory ?? false, options.status ?? 'PUBLISHED'],
    );
    return id;
  }

  async value(project: SeededProject, kpiId: string, period: string, value: number): Promise<void> {
    await this.db.owner.query(
      `INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, kpi_id, period) DO UPDATE SET value = EXCLUDED.value`,
      [project.id, kpiId, period, project.tenant.id, project.tenant.orgId, value],
    );
  }

  async milestone(project: SeededProject, name: string, dueDate: string, completedOn: string | null = null): Promise<void> {
    await this.db.owner.query(`INSERT INTO milestones (id, project_id, tenant_id, org_id, name, due_date, completed_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      randomUUID(),
      project.id,
      project.tenant.id,
      project.tenant.orgId,
      name,
      dueDate,
      completedOn,
    ]);
  }

  /** A review of the project with its lead and reviewers, in a given state. */
  async review(project: SeededProject, leadId: string, options: { reviewerIds?: string[]; state?: string; kind?: string } = {}): Promise<string> {
    const id = randomUUID();
    const state = options.state ?? 'PLANNED';
    await this.db.owner.query(
      `INSERT INTO project_reviews (id, project_id, tenant_id, org_id, kind, state, lead_id, planned_for, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-01', CASE WHEN $6 = 'CLOSED' THEN now() END)`,
      [id, project.id, project.tenant.id, project.tenant.orgId, options.kind ?? 'PEER_REVIEW', state, leadId],
    );
    for (const userId of options.reviewerIds ?? []) {
      await this.db.owner.query(`INSERT INTO project_review_reviewers (review_id, user_id, tenant_id, org_id) VALUES ($1, $2, $3, $4)`, [
        id,
        userId,
        project.tenant.id,
        project.tenant.orgId,
      ]);
    }
    return id;
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [{ n }] = await this.db.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return n;
  }
}
