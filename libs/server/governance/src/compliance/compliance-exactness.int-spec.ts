// The set-based statements against a brute-force recomputation: random projects (start,
// life, phases), reports and replacements, waivers, mandatory KPIs and values, milestones,
// gate approvals and actions, evaluated for random periods at random instants. The
// obligations and compliance the statements yield equal what the rules give over facts
// worked out one project at a time from the rows as generated.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { dateOf, periodOf } from '@pmo/core';
import { ObligationRepository } from '../obligations/obligation.repository';
import { dueAt, obligationState } from '../obligations/obligation.rules';
import { factsOf } from '../obligations/obligation.service';
import { GovernanceFixtures } from '../testing/governance-fixtures';
import { ComplianceRepository } from './compliance.repository';
import { ComplianceFacts, complianceChecks, referenceInstant } from './compliance.rules';

const PHASES = ['One', 'Two', 'Three'];
const START = Date.UTC(2025, 10, 1);
const END = Date.UTC(2026, 8, 1);
const DAY = 86_400_000;

const instant = fc.integer({ min: START, max: END }).map((ms) => new Date(ms));
const day = instant.map(dateOf);
const periodArb = fc.integer({ min: 0, max: 9 }).map((i) => periodOf(new Date(Date.UTC(2025, 10 + i, 1))));

interface ProjectGen {
  startDate: string | null;
  createdAt: Date;
  /** Entries at increasing instants: state and phase index. */
  life: Array<{ at: Date; state: string; phase: number }>;
  methodology: { dueDay: number; graceDays: number | null } | null;
  reports: Array<{ period: string; first: Date; replaced: Date | null }>;
  waivers: Array<{ period: string; at: Date }>;
  values: Array<{ kpi: number; period: string }>;
  milestones: Array<{ due: string; completed: string | null }>;
  gates: Array<{ position: number; decidedAt: Date }>;
  actions: Array<{ due: string; createdAt: Date; doneAt: Date | null }>;
}

// Mostly running projects, so that most of them owe the period evaluated.
const stateArb = fc.oneof(
  { arbitrary: fc.constant('ACTIVE'), weight: 5 },
  { arbitrary: fc.constant('ON_HOLD'), weight: 2 },
  { arbitrary: fc.constant('COMPLETED'), weight: 1 },
  { arbitrary: fc.constant('CANCELLED'), weight: 1 },
  { arbitrary: fc.constant('PROPOSED'), weight: 1 },
);

const lifeArb = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 120 * DAY }),
      state: stateArb,
      phase: fc.integer({ min: 0, max: 2 }),
    }),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((steps) => {
    let at = START;
    const life: ProjectGen['life'] = [];
    for (const step of steps) {
      at += step.gap;
      life.push({ at: new Date(at), state: step.state, phase: step.phase });
      // Nothing follows a closed project.
      if (step.state === 'COMPLETED' || step.state === 'CANCELLED') break;
    }
    return life;
  });

const projectArb: fc.Arbitrary<ProjectGen> = fc.record({
  startDate: fc.option(day),
  createdAt: instant,
  life: lifeArb,
  methodology: fc.option(fc.record({ dueDay: fc.integer({ min: 1, max: 28 }), graceDays: fc.option(fc.integer({ min: 0, max: 10 })) })),
  reports: fc.uniqueArray(fc.record({ period: periodArb, first: instant, replaced: fc.option(instant) }), { selector: (r) => r.period, maxLength: 7 }),
  waivers: fc.uniqueArray(fc.record({ period: periodArb, at: instant }), { selector: (w) => w.period, maxLength: 3 }),
  values: fc.uniqueArray(fc.record({ kpi: fc.integer({ min: 0, max: 2 }), period: periodArb }), { selector: (v) => `${v.kpi}/${v.period}`, maxLength: 12 }),
  milestones: fc.array(fc.record({ due: day, completed: fc.option(day) }), { maxLength: 3 }),
  gates: fc.uniqueArray(fc.record({ position: fc.integer({ min: 0, max: 1 }), decidedAt: instant }), { selector: (g) => g.position, maxLength: 2 }),
  actions: fc.array(fc.record({ due: day, createdAt: instant, doneAt: fc.option(instant) }), { maxLength: 3 }),
});

/** The facts of one project, worked out from its rows as generated; `mandatory` names the KPIs (by the values' index) that are. */
function bruteForce(p: ProjectGen, code: string, mandatory: Array<{ index: number; key: string }>, period: string, now: Date) {
  const state = p.life[p.life.length - 1].state;
  if (state === 'PROPOSED') return null;
  const first = p.startDate ? p.startDate.slice(0, 7) : periodOf(p.createdAt);
  if (period < first) return null;
  if (state === 'COMPLETED' || state === 'CANCELLED') {
    if (!p.life.some((entry) => entry.state === 'ACTIVE' || entry.state === 'ON_HOLD')) return null;
    const ended = p.life.find((entry) => entry.state === state) as { at: Date };
    if (period > periodOf(ended.at)) return null;
  }
  const report = p.reports.find((r) => r.period === period);
  const waiver = p.waivers.find((w) => w.period === period);
  const dueDay = p.methodology?.dueDay ?? 5;
  const obligation = obligationState(
    {
      dueAt: dueAt(period, dueDay),
      graceDays: p.methodology?.graceDays ?? 5,
      firstSubmittedAt: report ? (report.replaced && report.replaced < report.first ? report.replaced : report.first) : null,
      waivedAt: waiver?.at ?? null,
    },
    now,
  );
  const ref = referenceInstant(period, now);
  const refDay = dateOf(ref);
  const phaseAt = [...p.life].reverse().find((entry) => entry.at <= ref) ?? p.life[0];
  const facts: ComplianceFacts = {
    period,
    obligation,
    mandatoryMissing: mandatory
      .filter((kpi) => !p.values.some((v) => v.kpi === kpi.index && v.period === period))
      .map((kpi) => kpi.key)
      .sort(),
    lateMilestones: p.milestones
      .map((m, i) => ({ ...m, name: `m${i}` }))
      .filter((m) => m.due < refDay && (m.completed === null || m.completed > refDay))
      .sort((a, b) => a.due.localeCompare(b.due) || a.name.localeCompare(b.name))
      .map((m) => m.name),
    followsMethodology: p.methodology !== null,
    unpassedGates:
      p.methodology === null
        ? []
        : [0, 1]
            .filter((position) => position < phaseAt.phase && !p.gates.some((g) => g.position === position && g.decidedAt <= ref))
            .map((position) => `G${position}`),
    overdueActions: p.actions
      .map((a, i) => ({ ...a, name: `a${i}` }))
      .filter((a) => a.createdAt <= ref && a.due < refDay && (a.doneAt === null || a.doneAt > ref))
      .sort((a, b) => a.due.localeCompare(b.due) || a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) => a.name),
  };
  return { code, dueAt: dueAt(period, dueDay).toISOString(), checks: complianceChecks(facts) };
}

describe('obligations and compliance, set-based against brute force', () => {
  const obligations = new ObligationRepository();
  const compliance = new ComplianceRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let admin: SeededUser;
  /** In force for every spoke: mandatory, owned by the hub. */
  let hubKpi: string;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    hubKpi = await seed.kpi(hub, 'k_hub', { mandatory: true });
  });
  afterAll(() => db.close());

  /**
   * Writes the projects into a new spoke, each project's rows as generated, with a mandatory
   * and a free KPI of the spoke's own (keys are unique in an organization); returns the
   * spoke and its mandatory KPIs as the recomputation names them.
   */
  async function write(projects: ProjectGen[]): Promise<{ spoke: SeededTenant; mandatory: Array<{ index: number; key: string }> }> {
    const spoke = await db.spoke(hub);
    const suffix = spoke.id.slice(0, 8);
    const kpis = [hubKpi, await seed.kpi(spoke, `k_spoke_${suffix}`, { mandatory: true }), await seed.kpi(spoke, `k_free_${suffix}`)];
    for (const [i, p] of projects.entries()) {
      const project = await seed.project(spoke, {
        code: `P${String(i).padStart(2, '0')}`,
        startDate: p.startDate,
        createdAt: p.createdAt.toISOString(),
        ...(p.methodology
          ? {
              phases: PHASES.map((name, position) => ({
                name,
                gate: position < 2 ? { name: `G${position}`, deliverables: [], approverRole: 'PMO_LEAD' } : undefined,
              })),
              cadence: { dueDay: p.methodology.dueDay, ...(p.methodology.graceDays === null ? {} : { graceDays: p.methodology.graceDays }) },
            }
          : {}),
      });
      await seed.timeline(
        project,
        p.life.map((entry) => ({ at: entry.at.toISOString(), state: entry.state, phase: p.methodology ? PHASES[entry.phase] : null })),
      );
      for (const r of p.reports) {
        const [earlier, later] = r.replaced && r.replaced < r.first ? [r.replaced, r.first] : [r.first, r.replaced];
        await seed.report(project, r.period, earlier.toISOString(), later ? { replacedAt: later.toISOString() } : {});
      }
      for (const w of p.waivers) {
        await db.owner.query(
          `INSERT INTO reporting_waivers (id, project_id, tenant_id, org_id, period, reason, waived_at) VALUES ($1, $2, $3, $4, $5, 'r', $6)`,
          [randomUUID(), project.id, spoke.id, hub.orgId, w.period, w.at],
        );
      }
      for (const v of p.values) await seed.value(project, kpis[v.kpi], v.period, 1);
      for (const [m, milestone] of p.milestones.entries()) await seed.milestone(project, `m${m}`, milestone.due, milestone.completed);
      const gateIds: string[] = [];
      for (const g of p.gates) {
        const id = randomUUID();
        gateIds.push(id);
        await db.owner.query(
          `INSERT INTO gate_reviews (id, project_id, tenant_id, org_id, phase_position, phase, gate, approver_role, quorum, state, submitted_by, submitted_at, decided_at)
           VALUES ($1, $2, $3, $4, $5, 'p', 'g', 'PMO_LEAD', 1, 'APPROVED', $6, $7, $7)`,
          [id, project.id, spoke.id, hub.orgId, g.position, admin.id, g.decidedAt],
        );
      }
      for (const [a, action] of p.actions.entries()) {
        // A gate condition needs a gate review to hang on, whatever its state.
        const gateId = gateIds[0] ?? randomUUID();
        if (!gateIds.length) {
          gateIds.push(gateId);
          await db.owner.query(
            `INSERT INTO gate_reviews (id, project_id, tenant_id, org_id, phase_position, phase, gate, approver_role, quorum, state, submitted_by, decided_at)
             VALUES ($1, $2, $3, $4, 5, 'p', 'g', 'PMO_LEAD', 1, 'REJECTED', $5, now())`,
            [gateId, project.id, spoke.id, hub.orgId, admin.id],
          );
        }
        await db.owner.query(
          `INSERT INTO corrective_actions (id, project_id, tenant_id, org_id, gate_review_id, description, due_date, state, created_at, done_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [randomUUID(), project.id, spoke.id, hub.orgId, gateId, `a${a}`, action.due, action.doneAt ? 'DONE' : 'OPEN', action.createdAt, action.doneAt],
        );
      }
    }
    return {
      spoke,
      mandatory: [
        { index: 0, key: 'k_hub' },
        { index: 1, key: `k_spoke_${suffix}` },
      ],
    };
  }

  it('yields, for every period and instant, exactly the obligations and checks a project-by-project recomputation gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(projectArb, { minLength: 1, maxLength: 8 }), periodArb, instant, async (projects, period, now) => {
        const { spoke, mandatory } = await write(projects);
        const expected = projects.flatMap((p, i) => bruteForce(p, `P${String(i).padStart(2, '0')}`, mandatory, period, now) ?? []);
        const [owed, evaluated] = await db.as(admin, async (em) => [
          await obligations.facts(em, spoke.id, period, null),
          await compliance.facts(em, spoke.id, period, null, referenceInstant(period, now)),
        ]);
        expect(owed.map((row) => ({ code: row.code, dueAt: factsOf(row, period).dueAt.toISOString() }))).toEqual(
          expected.map(({ code, dueAt }) => ({ code, dueAt })),
        );
        const checks = evaluated.map((row) => ({
          code: row.code,
          dueAt: dueAt(period, row.dueDay ?? 5).toISOString(),
          checks: complianceChecks({
            period,
            obligation: obligationState(factsOf(row, period), now),
            mandatoryMissing: row.mandatoryMissing,
            lateMilestones: row.lateMilestones,
            followsMethodology: row.followsMethodology,
            unpassedGates: row.unpassedGates,
            overdueActions: row.overdueActions,
          }),
        }));
        expect(checks).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
