// Competency's raw statements: levels through the definer function, the rules along a
// tenant's path, the people of a subtree with their levels and active projects in one
// statement, and the daily job's claim of expiring certifications.
import { statement } from '@pmo/core';

export interface LevelRow {
  userId: string;
  level: number;
}

/** Levels above 0 of the named users in the organization (a user without a row is level 0). */
export const LEVELS = statement<LevelRow, [userIds: string[], orgId: string]>(
  'competency-levels',
  'SELECT user_id AS "userId", level FROM pmo_competency_levels($1::uuid[], $2)',
);

export interface RuleRow {
  tenantId: string;
  tenantName: string;
  depth: number;
  tier: number;
  minManagerLevel: number;
}

/** The rules of one tier set on a tenant's path (its ancestors and itself). */
export const RULES_ON_PATH = statement<RuleRow, [tenantId: string, tier: number]>(
  'competency-rules-on-path',
  `SELECT r.tenant_id AS "tenantId", t.name AS "tenantName", t.depth, r.tier, r.min_manager_level AS "minManagerLevel"
     FROM tenants me
     JOIN competency_rules r ON r.tenant_id = ANY (me.path)
     JOIN tenants t ON t.id = r.tenant_id
    WHERE me.id = $1 AND r.tier = $2`,
);

/** The rules a tenant works under or sets below: on its path and in its subtree, by tier and depth. */
export const RULES_AROUND = statement<RuleRow, [tenantId: string]>(
  'competency-rules-around',
  `SELECT r.tenant_id AS "tenantId", t.name AS "tenantName", t.depth, r.tier, r.min_manager_level AS "minManagerLevel"
     FROM tenants me
     JOIN tenants t ON t.id = ANY (me.path) OR t.path @> ARRAY[me.id]
     JOIN competency_rules r ON r.tenant_id = t.id
    WHERE me.id = $1
    ORDER BY r.tier, t.depth, t.id`,
);

/** Which of the named users hold an ACTIVE membership on the tenant or a tenant of its subtree. */
export const ACTIVE_MEMBERS = statement<{ userId: string }, [userIds: string[], tenantId: string]>(
  'competency-active-members',
  `SELECT DISTINCT m.user_id AS "userId"
     FROM memberships m JOIN tenants t ON t.id = m.tenant_id
    WHERE m.user_id = ANY ($1::uuid[]) AND m.status = 'ACTIVE' AND t.path @> ARRAY[$2::uuid]`,
);

export interface ProfileRow {
  userId: string;
  email: string;
  level: number;
  activeProjects: number;
}

/**
 * The people of a subtree (its active members and the managers of its projects) with
 * their level and the number of ACTIVE projects they manage that the caller sees.
 */
export const PROFILES = statement<ProfileRow, [tenantId: string, orgId: string]>(
  'competency-profiles',
  `WITH people AS (
     SELECT m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id
      WHERE t.path @> ARRAY[$1::uuid] AND m.status = 'ACTIVE'
     UNION
     SELECT p.manager_id FROM projects p JOIN tenants t ON t.id = p.tenant_id
      WHERE t.path @> ARRAY[$1::uuid] AND p.manager_id IS NOT NULL
   )
   SELECT u.id AS "userId", u.email, coalesce(l.level, 0) AS level, coalesce(a.n, 0) AS "activeProjects"
     FROM people
     JOIN users u ON u.id = people.user_id
     LEFT JOIN pmo_competency_levels((SELECT coalesce(array_agg(user_id), '{}') FROM people), $2) l ON l.user_id = u.id
     LEFT JOIN (SELECT p.manager_id, count(*)::int AS n FROM projects p JOIN people ON people.user_id = p.manager_id
                 WHERE p.state = 'ACTIVE' GROUP BY p.manager_id) a ON a.manager_id = u.id
    ORDER BY lower(u.email), u.id`,
);

export interface ExpiringRow {
  id: string;
  tenantId: string;
  orgId: string;
  userId: string;
  name: string;
  level: number;
  expiresOn: string;
}

/** Marks the certifications expiring from `from` to `until` (inclusive) not yet announced, and returns them: each is claimed once. */
export const CLAIM_EXPIRING = statement<ExpiringRow, [from: string, until: string]>(
  'competency-claim-expiring',
  // A SELECT over the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
  `WITH claimed AS (
     UPDATE certifications c SET expiry_flagged_at = now()
      WHERE c.expiry_flagged_at IS NULL AND c.expires_on IS NOT NULL AND c.expires_on BETWEEN $1::date AND $2::date
     RETURNING c.id, c.tenant_id AS "tenantId", c.org_id AS "orgId", c.user_id AS "userId", c.name, c.level, c.expires_on::text AS "expiresOn"
   )
   SELECT * FROM claimed ORDER BY "expiresOn", id`,
);

export const ORGANIZATIONS = statement<{ orgId: string }, []>('competency-organizations', 'SELECT org_id AS "orgId" FROM pmo_organizations()');
