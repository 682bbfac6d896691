// `npm run bench:competency`: pmProfiles on a seeded organization (50 spokes over 3 levels,
// 2,000 projects) with PEOPLE project managers spread over the spokes, each with three
// certifications (one expired), two training records, and one mentorship in two with three
// check-ins; every project managed by one of them. Reports, against `{ me { id } }` in the
// same run and interleaved: SQL statements per request (development mode's
// extensions.sqlStatements) and p50/p95 latency of sequential requests, for the hub's
// whole organization and for one country spoke. Not a test: the machine is shared and
// noisy, so it reports figures side by side.
import { Client } from 'pg';
import { createDataSource } from '@pmo/core';
import { monthsOf, seedOrganization } from '../seed';
import { graphql, median, runLoad } from './lib/load';
import { ApiProcess, createMigratedDatabase, dropDatabase, ownerUrl, productionEnv } from './lib/processes';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  const database = await createMigratedDatabase('competency');
  const env = productionEnv(database);
  let api: ApiProcess | undefined;
  const owner = new Client({ connectionString: ownerUrl(database) });
  try {
    const db = createDataSource(ownerUrl(database), 2);
    await db.initialize();
    const org = await seedOrganization(db, { projects: 2000, periods: monthsOf(2026).slice(0, 1), name: 'Competency Org' });
    await db.destroy();
    await owner.connect();
    await owner.query(
      `INSERT INTO users (id, email, password_hash)
       SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'pm' || n || '@seed.example', 'unused' FROM generate_series(1, $1) n`,
      [PEOPLE],
    );
    // Each person a PROJECT_MANAGER of one spoke (the deepest level first).
    await owner.query(
      `WITH spokes AS (SELECT id, row_number() OVER (ORDER BY depth DESC, id) - 1 AS i, count(*) OVER () AS k FROM tenants WHERE org_id = $1 AND depth > 0)
       INSERT INTO memberships (user_id, tenant_id, org_id, role)
       SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, s.id, $1, 'PROJECT_MANAGER'
         FROM generate_series(1, $2) n JOIN spokes s ON s.i = n % s.k`,
      [org.hubId, PEOPLE],
    );
    await owner.query(
      `INSERT INTO certifications (id, tenant_id, org_id, user_id, name, level, issued_on, expires_on, recorded_by)
       SELECT gen_random_uuid(), m.tenant_id, m.org_id, m.user_id, 'Level ' || l, l, date '2024-01-01' + l * 30,
              CASE WHEN l = 1 THEN date '2025-01-01' WHEN l = 3 THEN date '2028-01-01' END, m.user_id
         FROM memberships m CROSS JOIN generate_series(1, 3) l WHERE m.org_id = $1 AND m.role = 'PROJECT_MANAGER'`,
      [org.hubId],
    );
    await owner.query(
      `INSERT INTO training_records (id, tenant_id, org_id, user_id, course, completed_on, hours, recorded_by)
       SELECT gen_random_uuid(), m.tenant_id, m.org_id, m.user_id, 'Course ' || c, date '2026-01-01' + c, 7.5, m.user_id
         FROM memberships m CROSS JOIN generate_series(1, 2) c WHERE m.org_id = $1 AND m.role = 'PROJECT_MANAGER'`,
      [org.hubId],
    );
    await owner.query(
      `WITH pms AS (SELECT user_id, tenant_id, row_number() OVER (ORDER BY user_id) AS i FROM memberships WHERE org_id = $1 AND role = 'PROJECT_MANAGER')
       INSERT INTO mentorships (id, tenant_id, org_id, mentor_id, mentee_id, goals, started_on, started_by)
       SELECT gen_random_uuid(), b.tenant_id, $1, a.user_id, b.user_id, 'Grow', date '2026-01-01', a.user_id
         FROM pms a JOIN pms b ON b.i = a.i + 1 WHERE a.i % 2 = 1`,
      [org.hubId],
    );
    await owner.query(
      `INSERT INTO mentoring_check_ins (id, mentorship_id, tenant_id, org_id, notes, logged_by)
       SELECT gen_random_uuid(), ms.id, ms.tenant_id, ms.org_id, 'Check-in ' || c, ms.mentor_id FROM mentorships ms CROSS JOIN generate_series(1, 3) c WHERE ms.org_id = $1`,
      [org.hubId],
    );
    await owner.query(
      `WITH pms AS (SELECT m.user_id, m.tenant_id FROM memberships m WHERE m.org_id = $1 AND m.role = 'PROJECT_MANAGER')
       UPDATE projects p SET manager_id = (SELECT pms.user_id FROM pms WHERE pms.tenant_id = p.tenant_id ORDER BY hashtext(p.id::text || pms.user_id::text) LIMIT 1)
        WHERE p.org_id = $1`,
      [org.hubId],
    );
    await owner.query('ANALYZE');
    const country = (await owner.query(`SELECT id FROM tenants WHERE org_id = $1 ORDER BY depth DESC, id LIMIT 1`, [org.hubId])).rows[0].id as string;

    api = await ApiProcess.start('api', { ...env, NODE_ENV: 'development', GRAPHQL_SCHEMA_FILE: '', LOG_LEVEL: 'warn' });
    const token = (
      await graphql(api.url, {
        query: `mutation($i: LoginInput!) { login(input: $i) { token } }`,
        variables: { i: { email: org.email, password: org.password } },
      })
    ).login.token as string;
    const PROFILES = `query($t: ID!) { pmProfiles(tenantId: $t) { userId email level activeProjects certifications { level valid } training { hours }
      mentorships { id checkIns { at } } } }`;
    const requests = [
      { name: '{ me { id } }', query: '{ me { id } }', variables: {} },
      { name: `pmProfiles, hub (${PEOPLE} people + the admin)`, query: PROFILES, variables: { t: org.hubId } },
      { name: 'pmProfiles, one country spoke', query: PROFILES, variables: { t: country } },
    ];
    const lines: string[] = [];
    const samples = new Map<string, Array<{ p50: number; p95: number }>>();
    for (const request of requests) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      const body = (await res.json()) as { data?: { pmProfiles?: unknown[] }; errors?: unknown[]; extensions?: { sqlStatements?: number } };
      if (body.errors) throw new Error(`${request.name}: ${JSON.stringify(body.errors)}`);
      lines.push(`${request.name}: ${body.extensions?.sqlStatements} statements${body.data?.pmProfiles ? `, ${body.data.pmProfiles.length} profiles` : ''}`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requests) {
        const result = await runLoad(api.url, { query: request.query, variables: request.variables, token }, REQUESTS, 1);
        samples.set(request.name, [...(samples.get(request.name) ?? []), { p50: result.p50Ms, p95: result.p95Ms }]);
      }
    }
    console.log(lines.join('\n'));
    console.log('| request | p50 ms | p95 ms |\n|---|---:|---:|');
    for (const request of requests) {
      const runs = samples.get(request.name) ?? [];
      console.log(`| ${request.name} | ${median(runs.map((r) => r.p50)).toFixed(1)} | ${median(runs.map((r) => r.p95)).toFixed(1)} |`);
    }
  } finally {
    await api?.stop();
    await owner.end().catch(() => undefined);
    await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
