// The shared resource pool over GraphQL: resources homed at a spoke and found from a sibling,
// a direct allocation at home, a cross-branch request approved (and one rejected) by the
// home PMO, HARD capacity enforced at request and again at approval, exact load and
// capacity-summary figures, bad input, another organization seeing nothing, and a race of
// concurrent HARD allocations that never overbooks a week.
import { randomUUID } from 'node:crypto';
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;

const CREATE = `mutation($i: CreateResourceInput!) { createResource(input: $i) { id name skills weeklyCapacityHours userId home { id name } } }`;
const ALLOCATE = `mutation($i: AllocateResourceInput!) { allocateResource(input: $i) { id state kind fromWeek toWeek hoursPerWeek resource { id name } project { id code } } }`;
const APPROVE = `mutation($id: ID!) { approveAllocation(id: $id) { id state } }`;
const REJECT = `mutation($id: ID!) { rejectAllocation(id: $id) { id state } }`;
const RESOURCES = `query($t: ID!, $s: String) { resources(tenantId: $t, skill: $s) { id name skills home { id name } } }`;
const ALLOCATIONS = `query($t: ID!, $s: [AllocationState!]) { allocations(tenantId: $t, states: $s) { id state hoursPerWeek fromWeek toWeek resource { name } project { code } } }`;
const LOAD = `query($t: ID!, $f: String!, $to: String!, $o: Boolean) {
  resourceLoad(tenantId: $t, fromWeek: $f, toWeek: $to, overAllocatedOnly: $o) { resource { name home { name } } week capacityHours hardHours softHours overAllocated } }`;
const SUMMARY = `query($t: ID!, $f: String!, $to: String!) {
  capacitySummary(tenantId: $t, fromWeek: $f, toWeek: $to) { week resources capacityHours hardHours softHours requestedHours overAllocated } }`;

describe('knowledge: the shared resource pool', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  let northLead: string;
  let northPm: string;
  let southLead: string;
  let southPm: string;
  let northProject: string;
  let southProject: string;
  let ada: string;
  const ids: Record<string, string> = {};

  const userIdOf = async (token: string) => (await stack.ok('{ me { id } }', {}, token)).me.id as string;
  const allocate = (token: string, input: Record<string, unknown>) =>
    stack.gql(ALLOCATE, { i: { hoursPerWeek: 8, kind: 'HARD', fromWeek: '2026-W52', toWeek: '2026-W52', ...input } }, token);
  const allocated = async (token: string, input: Record<string, unknown>) => {
    const result = await allocate(token, input);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data?.allocateResource as { id: string; state: string };
  };

  beforeAll(async () => {
    stack = await Stack.start();
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    northPm = await stack.member(acme.token, north, 'PROJECT_MANAGER');
    southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    southPm = await stack.member(acme.token, south, 'PROJECT_MANAGER');
    const project = async (token: string, tenantId: string, code: string, managerId: string) =>
      (await stack.ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: { tenantId, code, name: code, managerId } }, token))
        .createProject.id as string;
    northProject = await project(northLead, north, 'NORTH-1', await userIdOf(northPm));
    southProject = await project(southLead, south, 'SOUTH-1', await userIdOf(southPm));
  });

  afterAll(() => stack?.stop());

  describe('resources', () => {
    it('are homed by a PMO_LEAD of the tenant or above, with exact lower-case skills', async () => {
      const input = { tenantId: north, name: 'Ada', skills: ['TypeScript', 'pmp', 'pmp'], weeklyCapacityHours: 40, userId: await userIdOf(northPm) };
      expect(codeOf(await stack.gql(CREATE, { i: input }, northPm))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(CREATE, { i: input }, southLead))).toBe('NOT_FOUND');
      const created = (await stack.ok(CREATE, { i: input }, northLead)).createResource;
      expect(created).toMatchObject({ name: 'Ada', skills: ['typescript', 'pmp'], weeklyCapacityHours: 40, home: { id: north, name: 'North' } });
      ada = created.id;
      // A user of another organization cannot be linked.
      const stranger = { ...input, userId: globex.userId };
      expect(fieldOf(await stack.gql(CREATE, { i: stranger }, northLead))).toBe('userId');
    });

    it('are found from a sibling branch (the pool is shared), by skill, but not from another organization', async () => {
      const found = (await stack.ok(RESOURCES, { t: acme.hubId, s: 'TypeScript' }, southPm)).resources;
      expect(found).toEqual([{ id: ada, name: 'Ada', skills: ['typescript', 'pmp'], home: { id: north, name: 'North' } }]);
      expect((await stack.ok(RESOURCES, { t: north }, southPm)).resources.map((r: { id: string }) => r.id)).toEqual([ada]);
      expect((await stack.ok(RESOURCES, { t: acme.hubId, s: 'cobol' }, southPm)).resources).toEqual([]);
      expect((await stack.ok(RESOURCES, { t: south }, southPm)).resources).toEqual([]);
      expect(codeOf(await stack.gql(RESOURCES, { t: acme.hubId }, globex.token))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(RESOURCES, { t: north }, globex.token))).toBe('NOT_FOUND');
    });
  });

  describe('allocations', () => {
    it('hold at once within the home subtree', async () => {
      const a1 = await allocated(northPm, { resourceId: ada, projectId: northProject, fromWeek: '2026-W52', toWeek: '2027-W01', hoursPerWeek: 30 });
      expect(a1).toMatchObject({
        state: 'APPROVED',
        fromWeek: '2026-W52',
        toWeek: '2027-W01',
        hoursPerWeek: 30,
        resource: { name: 'Ada' },
        project: { code: 'NORTH-1' },
      });
      ids.a1 = a1.id;
    });

    it('from another branch are requested, seen by the home PMO with the project, and approved by it alone', async () => {
      const a2 = await allocated(southPm, { resourceId: ada, projectId: southProject, fromWeek: '2026-W53', toWeek: '2027-W02', hoursPerWeek: 8 });
      expect(a2.state).toBe('REQUESTED');
      ids.a2 = a2.id;
      const requested = (await stack.ok(ALLOCATIONS, { t: north, s: ['REQUESTED'] }, northLead)).allocations;
      expect(requested).toEqual([
        { id: a2.id, state: 'REQUESTED', hoursPerWeek: 8, fromWeek: '2026-W53', toWeek: '2027-W02', resource: { name: 'Ada' }, project: { code: 'SOUTH-1' } },
      ]);
      // The borrowing project and its tenant, by identity, though South stays out of North's tenant set.
      const borrower = await stack.ok(`query($t: ID!) { allocations(tenantId: $t) { project { code tenant { name } } } }`, { t: north }, northLead);
      expect(borrower.allocations.map((a: { project: unknown }) => a.project)).toContainEqual({ code: 'SOUTH-1', tenant: { name: 'South' } });
      expect(codeOf(await stack.gql(APPROVE, { id: a2.id }, southLead))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(APPROVE, { id: a2.id }, northPm))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(APPROVE, { id: a2.id }, globex.token))).toBe('NOT_FOUND');
      expect((await stack.ok(APPROVE, { id: a2.id }, northLead)).approveAllocation).toEqual({ id: a2.id, state: 'APPROVED' });
      expect(codeOf(await stack.gql(APPROVE, { id: a2.id }, northLead))).toBe('CONFLICT');
      // The requester's side sees its allocation, not the home's other ones.
      expect((await stack.ok(ALLOCATIONS, { t: south }, southPm)).allocations.map((a: { id: string }) => a.id)).toEqual([a2.id]);
      // The request and the decision went through the outbox, and their handlers consumed them.
      await stack.waitForIdle();
      expect((await stack.db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n).toBe(0);
      const audit = await stack.db.query(`SELECT action FROM audit_log WHERE entity = 'resource_allocation' AND entity_id = $1 ORDER BY id`, [a2.id]);
      expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['allocate', 'approve']);
      // The home's PMOs decide the request, so they hear of it, though the project is South's; South's lead does not.
      const requests = async (token: string) =>
        (await stack.ok(`{ notifications(first: 50) { edges { node { kind entity entityId } } } }`, {}, token)).notifications.edges
          .map((e: { node: { kind: string } }) => e.node)
          .filter((node: { kind: string }) => node.kind === 'allocation.requested');
      const told = { kind: 'allocation.requested', entity: 'allocation', entityId: a2.id };
      for (const token of [northLead, acme.token]) {
        const deadline = Date.now() + 20000;
        while ((await requests(token)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await requests(token)).toEqual([told]);
      }
      expect(await requests(southLead)).toEqual([]);
      expect(await requests(southPm)).toEqual([]);
    });

    it('refuses HARD hours over capacity, naming the weeks and hours, at request and again at approval', async () => {
      const over = await allocate(southPm, { resourceId: ada, projectId: southProject, fromWeek: '2026-W53', toWeek: '2027-W02', hoursPerWeek: 5 });
      expect(codeOf(over)).toBe('CONFLICT');
      expect(over.errors?.[0]?.message).toBe(
        'HARD allocation exceeds capacity in 2 week(s): 2026-W53 (38 of 40 h booked, 3 h over), 2027-W01 (38 of 40 h booked, 3 h over)',
      );
      expect(over.errors?.[0]?.extensions?.weeks).toEqual([
        { week: '2026-W53', capacityHours: 40, hardHours: 38, hoursPerWeek: 5, overBy: 3 },
        { week: '2027-W01', capacityHours: 40, hardHours: 38, hoursPerWeek: 5, overBy: 3 },
      ]);
      const a4 = await allocated(southPm, { resourceId: ada, projectId: southProject, fromWeek: '2026-W53', toWeek: '2026-W53', hoursPerWeek: 2 });
      expect(a4.state).toBe('REQUESTED');
      await allocated(northPm, { resourceId: ada, projectId: northProject, fromWeek: '2026-W53', toWeek: '2026-W53', hoursPerWeek: 2 });
      const late = await stack.gql(APPROVE, { id: a4.id }, northLead);
      expect(codeOf(late)).toBe('CONFLICT');
      expect(late.errors?.[0]?.extensions?.weeks).toEqual([{ week: '2026-W53', capacityHours: 40, hardHours: 40, hoursPerWeek: 2, overBy: 2 }]);
      expect((await stack.ok(REJECT, { id: a4.id }, northLead)).rejectAllocation).toEqual({ id: a4.id, state: 'REJECTED' });
      expect(codeOf(await stack.gql(REJECT, { id: a4.id }, northLead))).toBe('CONFLICT');
    });

    it('lets SOFT hours exceed capacity, and only the project’s manager or a PMO above it allocate', async () => {
      expect((await allocated(northPm, { resourceId: ada, projectId: northProject, kind: 'SOFT', hoursPerWeek: 10 })).state).toBe('APPROVED');
      expect(
        (await allocated(northLead, { resourceId: ada, projectId: northProject, kind: 'SOFT', fromWeek: '2027-W01', toWeek: '2027-W01', hoursPerWeek: 5 }))
          .state,
      ).toBe('APPROVED');
      expect(
        (await allocated(southPm, { resourceId: ada, projectId: southProject, kind: 'SOFT', fromWeek: '2027-W02', toWeek: '2027-W02', hoursPerWeek: 4 })).state,
      ).toBe('REQUESTED');
      const otherPm = await stack.member(acme.token, north, 'PROJECT_MANAGER');
      expect(codeOf(await allocate(otherPm, { resourceId: ada, projectId: northProject }))).toBe('FORBIDDEN');
      expect(codeOf(await allocate(southPm, { resourceId: ada, projectId: northProject }))).toBe('NOT_FOUND');
      expect(codeOf(await allocate(globex.token, { resourceId: ada, projectId: northProject }))).toBe('NOT_FOUND');
    });
  });

  describe('load and summary', () => {
    const row = (week: string, hardHours: number, softHours: number, overAllocated = false) => ({
      resource: { name: 'Ada', home: { name: 'North' } },
      week,
      capacityHours: 40,
      hardHours,
      softHours,
      overAllocated,
    });

    it('gives each resource’s approved hours per week, exactly', async () => {
      const load = (await stack.ok(LOAD, { t: north, f: '2026-W52', to: '2027-W02' }, northLead)).resourceLoad;
      expect(load).toEqual([row('2026-W52', 30, 10), row('2026-W53', 40, 0), row('2027-W01', 38, 5, true), row('2027-W02', 8, 0)]);
      expect((await stack.ok(LOAD, { t: acme.hubId, f: '2026-W52', to: '2027-W02', o: true }, acme.token)).resourceLoad).toEqual([
        row('2027-W01', 38, 5, true),
      ]);
      expect((await stack.ok(LOAD, { t: south, f: '2026-W52', to: '2027-W02' }, southLead)).resourceLoad).toEqual([]);
      expect(codeOf(await stack.gql(LOAD, { t: north, f: '2026-W52', to: '2027-W02' }, southPm))).toBe('NOT_FOUND');
    });

    it('sums capacity against demand per week for a subtree, requested hours apart', async () => {
      const summary = (await stack.ok(SUMMARY, { t: acme.hubId, f: '2026-W51', to: '2027-W02' }, acme.token)).capacitySummary;
      const week = (w: string, hardHours: number, softHours: number, requestedHours: number, overAllocated = false) => ({
        week: w,
        resources: 1,
        capacityHours: 40,
        hardHours,
        softHours,
        requestedHours,
        overAllocated,
      });
      expect(summary).toEqual([
        week('2026-W51', 0, 0, 0),
        week('2026-W52', 30, 10, 0),
        week('2026-W53', 40, 0, 0),
        week('2027-W01', 38, 5, 0, true),
        week('2027-W02', 8, 0, 4),
      ]);
      const empty = (await stack.ok(SUMMARY, { t: south, f: '2026-W52', to: '2026-W52' }, southLead)).capacitySummary;
      expect(empty).toEqual([{ week: '2026-W52', resources: 0, capacityHours: 0, hardHours: 0, softHours: 0, requestedHours: 0, overAllocated: false }]);
    });
  });

  describe('bad input', () => {
    it('answers BAD_USER_INPUT naming the field, NOT_FOUND for unknown ids, never a 500', async () => {
      const base = { resourceId: ada, projectId: northProject };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ fromWeek: '2026-W54', toWeek: '2026-W54' }, 'fromWeek'],
        [{ fromWeek: '2025-W52', toWeek: '2025-W53' }, 'toWeek'],
        [{ fromWeek: '2026-W10', toWeek: '2026-W09' }, 'toWeek'],
        [{ fromWeek: '2026-W01', toWeek: '2028-W20' }, 'toWeek'],
        [{ fromWeek: 'next week' }, 'fromWeek'],
        [{ hoursPerWeek: 0 }, 'hoursPerWeek'],
        [{ hoursPerWeek: -1 }, 'hoursPerWeek'],
        [{ hoursPerWeek: 169 }, 'hoursPerWeek'],
        [{ hoursPerWeek: 1.005 }, 'hoursPerWeek'],
      ];
      for (const [input, field] of cases) {
        const result = await allocate(northPm, { ...base, ...input });
        expect([JSON.stringify(input), codeOf(result), fieldOf(result)]).toEqual([JSON.stringify(input), 'BAD_USER_INPUT', field]);
      }
      const resource = { tenantId: north, name: 'Bad', weeklyCapacityHours: 40 };
      for (const [input, field] of [
        [{ weeklyCapacityHours: 0 }, 'weeklyCapacityHours'],
        [{ weeklyCapacityHours: 169 }, 'weeklyCapacityHours'],
        [{ name: '  ' }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ skills: ['two words'] }, 'skills'],
        [{ skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, 'skills'],
      ] as Array<[Record<string, unknown>, string]>) {
        const result = await stack.gql(CREATE, { i: { ...resource, ...input } }, northLead);
        expect([JSON.stringify(input), codeOf(result), fieldOf(result)]).toEqual([JSON.stringify(input), 'BAD_USER_INPUT', field]);
      }
      expect(fieldOf(await stack.gql(LOAD, { t: north, f: '2026-W54', to: '2026-W54' }, northLead))).toBe('fromWeek');
      expect(fieldOf(await stack.gql(SUMMARY, { t: north, f: '2026-W10', to: '2026-W01' }, northLead))).toBe('toWeek');
      expect(fieldOf(await stack.gql(RESOURCES, { t: north, s: 'two words' }, northLead))).toBe('skill');
      expect(codeOf(await allocate(northPm, { ...base, resourceId: randomUUID() }))).toBe('NOT_FOUND');
      expect(codeOf(await allocate(northPm, { ...base, projectId: randomUUID() }))).toBe('NOT_FOUND');
      expect(fieldOf(await allocate(northPm, { ...base, projectId: 'not-an-id' }))).toBe('projectId');
      expect(codeOf(await stack.gql(APPROVE, { id: randomUUID() }, northLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(CREATE, { i: { ...resource, tenantId: randomUUID() } }, northLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(SUMMARY, { t: randomUUID(), f: '2026-W01', to: '2026-W02' }, northLead))).toBe('NOT_FOUND');
    });
  });

  describe('the over-capacity race', () => {
    it('never books more HARD hours than a week holds, however many allocate at once', async () => {
      const race = (await stack.ok(CREATE, { i: { tenantId: north, name: 'Race', weeklyCapacityHours: 40 } }, northLead)).createResource.id as string;
      const attempts = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          allocate(i % 2 ? northPm : northLead, { resourceId: race, projectId: northProject, fromWeek: '2027-W10', toWeek: '2027-W11', hoursPerWeek: 5 }),
        ),
      );
      const codes = attempts.map((a) => codeOf(a) ?? 'OK');
      expect(codes.filter((c) => c === 'OK')).toHaveLength(8);
      expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(16);
      const booked = await stack.db.query(
        `SELECT w, sum(hours_per_week)::float8 AS hours FROM resource_allocations a, generate_series(a.from_week, a.to_week, interval '7 days') w
          WHERE resource_id = $1 AND kind = 'HARD' AND state = 'APPROVED' GROUP BY w`,
        [race],
      );
      expect(booked.rows.map((r: { hours: number }) => r.hours)).toEqual([40, 40]);
    });
  });
});
