// `npm run seed`: a realistic organization for demos and benchmarks, written with
// set-based SQL as the owner: a hub, 50 spokes over 3 levels (5 divisions, 15 regions,
// 30 countries), 5,000 projects, 10 published KPIs (two of each aggregation) and 12
// periods of values (600,000), then a full rollup rebuild. Prints the admin's login.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TenantKind } from '@pmo/shared';
import { bootstrapDatabase, createDataSource, hashPassword, loadConfig, run } from '@pmo/core';
import { rebuildOrganization } from '@pmo/kpi';
import {
  ANALYZE,
  INSERT_ADMIN,
  INSERT_COMPLIANCE_KPI,
  INSERT_KPI_DEFINITION,
  INSERT_KPI_VALUES,
  INSERT_PROJECTS,
  INSERT_TENANT,
  INSERT_USER,
  TRIGGERS_OFF,
} from './seed.sql';

export interface SeedOptions {
  projects: number;
  periods: string[];
  name: string;
}

export interface SeededOrg {
  hubId: string;
  tenants: string[];
  email: string;
  password: string;
  values: number;
}

export const SEED_PASSWORD = 'seeded organization password';

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
}

const KPIS = [
  ['budget_spent', 'SUM', 'HIGHER_IS_BETTER', null, null],
  ['headcount', 'SUM', 'HIGHER_IS_BETTER', null, null],
  ['schedule_index', 'AVG', 'HIGHER_IS_BETTER', 600, 300],
  ['satisfaction', 'AVG', 'HIGHER_IS_BETTER', 700, 400],
  ['cost_index', 'WEIGHTED_AVG', 'LOWER_IS_BETTER', 300, 600],
  ['quality_index', 'WEIGHTED_AVG', 'HIGHER_IS_BETTER', 600, 300],
  ['min_margin', 'MIN', 'HIGHER_IS_BETTER', 100, 50],
  ['min_velocity', 'MIN', 'HIGHER_IS_BETTER', 100, 50],
  ['max_risk', 'MAX', 'LOWER_IS_BETTER', 800, 950],
  ['max_delay', 'MAX', 'LOWER_IS_BETTER', 800, 950],
] as const;

export async function seedOrganization(db: DataSource, options: SeedOptions): Promise<SeededOrg> {
  const hubId = randomUUID();
  const tenants: Array<{ id: string; parent: string | null; depth: number; path: string[]; name: string }> = [
    { id: hubId, parent: null, depth: 0, path: [hubId], name: options.name },
  ];
  const addChildren = (parent: (typeof tenants)[number], count: number, label: string) =>
    Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      const child = { id, parent: parent.id, depth: parent.depth + 1, path: [...parent.path, id], name: `${label} ${i + 1}` };
      tenants.push(child);
      return child;
    });
  for (const division of addChildren(tenants[0], 5, 'Division')) {
    for (const region of addChildren(division, 3, `${division.name} Region`)) addChildren(region, 2, `${region.name} Country`);
  }
  const email = `admin+${hubId.slice(0, 8)}@seed.example`;
  const userId = randomUUID();
  const passwordHash = await hashPassword(SEED_PASSWORD);

  await db.transaction(async (em) => {
    // Bulk load: the dirty-mark triggers stand down; the rebuild below computes every rollup.
    await run(em, TRIGGERS_OFF, []);
    for (const t of tenants) {
      await run(em, INSERT_TENANT, [t.id, hubId, t.parent, t.parent ? TenantKind.SPOKE : TenantKind.HUB, t.name, t.depth, t.path]);
    }
    await run(em, INSERT_USER, [userId, email, passwordHash]);
    await run(em, INSERT_ADMIN, [userId, hubId]);
    await run(em, INSERT_COMPLIANCE_KPI, [hubId]);
    for (const [key, aggregation, direction, green, amber] of KPIS) {
      await run(em, INSERT_KPI_DEFINITION, [randomUUID(), hubId, key, aggregation, direction, green, amber]);
    }
    // Projects spread over the spokes, most of them in the countries (the leaves).
    const spokes = tenants.filter((t) => t.depth > 0).flatMap((t) => (t.depth === 3 ? [t.id, t.id, t.id] : [t.id]));
    await run(em, INSERT_PROJECTS, [hubId, spokes, options.projects]);
    await run(em, INSERT_KPI_VALUES, [hubId, options.periods]);
  });
  await run(db.manager, ANALYZE, []);
  await db.transaction((em) => rebuildOrganization(em, hubId));
  return { hubId, tenants: tenants.map((t) => t.id), email, password: SEED_PASSWORD, values: options.projects * KPIS.length * options.periods.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
  await bootstrapDatabase(config.databaseUrl, config.databaseAppUrl, config.databaseWorkerUrl);
  const db = createDataSource(config.databaseUrl, 1);
  await db.initialize();
  try {
    const started = performance.now();
    // SEED_PROJECTS: a smaller organization of the same shape (the web app's browser test uses one).
    const projects = Number(process.env.SEED_PROJECTS ?? 5000);
    const org = await seedOrganization(db, { projects, periods: monthsOf(2026), name: `Seeded ${new Date().toISOString().slice(0, 16)}` });
    console.log(`seeded ${org.tenants.length} tenants, ${org.values} values in ${Math.round(performance.now() - started)} ms`);
    console.log(`log in as ${org.email} / ${org.password} (hub ${org.hubId})`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
