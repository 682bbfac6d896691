// Lessons' raw statements: full-text search (websearch_to_tsquery, ts_rank_cd, ts_headline
// over the stored tsvector and its GIN index), the lessons relevant to a gate, the
// organization's text search configuration, and the definer functions that answer what
// the caller's own policies cannot (a project's closure, a lesson's tenant).
import { statement } from '@pmo/core';
import { TenantKind } from '@pmo/shared';
import { LessonState, LessonVisibility } from './lesson.rules';

/** A lesson as the GraphQL type reads it. */
export interface LessonRow {
  id: string;
  projectId: string;
  tenantId: string;
  orgId: string;
  authorId: string;
  title: string;
  whatHappened: string;
  impact: string | null;
  recommendation: string;
  tags: string[];
  phase: string | null;
  state: LessonState;
  visibility: LessonVisibility;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface LessonHitRow extends LessonRow {
  rank: number;
  snippet: string;
}

export interface SearchHitRow extends LessonHitRow {
  /** Every visible match, not only the page's. */
  total: number;
  /** The identity of the lesson's tenant (pmo_lesson_tenants), read in the same statement. */
  tenantName: string | null;
  tenantKind: TenantKind | null;
  tenantDepth: number | null;
  tenantParentId: string | null;
}

const COLUMNS = `l.id, l.project_id AS "projectId", l.tenant_id AS "tenantId", l.org_id AS "orgId", l.author_id AS "authorId", l.title,
  l.what_happened AS "whatHappened", l.impact, l.recommendation, l.tags, l.phase, l.state, l.visibility,
  l.created_at AS "createdAt", l.published_at AS "publishedAt"`;

/** What a snippet is cut from, and how: the best fragments, matches between « and ». */
const SNIPPET = (query: string) =>
  `ts_headline(l.search_config::regconfig, concat_ws(' … ', l.title, l.recommendation, l.what_happened, l.impact), ${query},
     'MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … ", StartSel=«, StopSel=»')`;

export interface SearchConfigRow {
  orgId: string;
  config: string;
  /** Nodes of the parsed query: 0 when it keeps no lexeme (operators or stop words only). */
  nodes: number;
}

/** A tenant's organization, its text search configuration, and what the query parses into under it. */
export const SEARCH_CONFIG = statement<SearchConfigRow, [tenantId: string, query: string]>(
  'lesson-search-config',
  `SELECT t.org_id AS "orgId", c.config, numnode(websearch_to_tsquery(c.config::regconfig, $2)) AS nodes
     FROM tenants t
     CROSS JOIN LATERAL (SELECT coalesce((SELECT s.search_config FROM lesson_search_settings s WHERE s.org_id = t.org_id), 'english') AS config) c
    WHERE t.id = $1`,
);

/**
 * The organization's published lessons the caller may see that match, best first, with
 * their count; snippets only for the page. Tags filter exactly (all of them) when given.
 */
export const SEARCH = statement<SearchHitRow, [orgId: string, config: string, query: string, tags: string[] | null, limit: number]>(
  'lesson-search',
  // The query is written out where it is used (not a CTE's column) so that the planner sees
  // it as a stable expression and matches it against the GIN index.
  `WITH hits AS (
     SELECT l.id, ts_rank_cd(l.search, websearch_to_tsquery($2::regconfig, $3)) AS rank, count(*) OVER () AS total
       FROM lessons l
      WHERE l.search @@ websearch_to_tsquery($2::regconfig, $3) AND l.org_id = $1 AND l.state = 'PUBLISHED'
        AND ($4::text[] IS NULL OR l.tags @> $4::text[])
      ORDER BY rank DESC, l.id
      LIMIT $5)
   SELECT ${COLUMNS}, h.rank::float8 AS rank, h.total::int AS total, ${SNIPPET('websearch_to_tsquery($2::regconfig, $3)')} AS snippet,
          t.name AS "tenantName", t.kind AS "tenantKind", t.depth AS "tenantDepth", t.parent_id AS "tenantParentId"
     FROM hits h JOIN lessons l ON l.id = h.id
     LEFT JOIN pmo_lesson_tenants((SELECT array_agg(DISTINCT x.tenant_id) FROM lessons x WHERE x.id IN (SELECT id FROM hits))) t ON t.id = l.tenant_id
    ORDER BY h.rank DESC, h.id`,
);

/**
 * Published lessons of the phase from the organization's other projects, ranked by how
 * well they match the project's name and description (any of its words, stemmed).
 */
export const RELEVANT_TO_GATE = statement<LessonHitRow, [projectId: string, phase: string, limit: number]>(
  'lessons-relevant-to-gate',
  `WITH p AS (
     SELECT p.org_id, (SELECT string_agg(quote_literal(v.lexeme), ' | ')
                         FROM unnest(to_tsvector(c.config::regconfig, concat_ws(' ', p.name, p.description))) v)::tsquery AS q
       FROM projects p
       CROSS JOIN LATERAL (SELECT coalesce((SELECT s.search_config FROM lesson_search_settings s WHERE s.org_id = p.org_id), 'english') AS config) c
      WHERE p.id = $1)
   SELECT ${COLUMNS}, ts_rank_cd(l.search, p.q)::float8 AS rank, ${SNIPPET('p.q')} AS snippet
     FROM lessons l, p
    WHERE l.search @@ p.q AND l.org_id = p.org_id AND l.state = 'PUBLISHED' AND l.project_id <> $1 AND lower(l.phase) = lower($2)
    ORDER BY rank DESC, l.published_at DESC, l.id
    LIMIT $3`,
);

export const LESSONS = statement<LessonRow, [ids: string[]]>('lessons', `SELECT ${COLUMNS} FROM lessons l WHERE l.id = ANY ($1::uuid[])`);

/** A lesson locked for a step of its life cycle. */
export const LOCK_LESSON = statement<LessonRow, [id: string]>('lock-lesson', `SELECT ${COLUMNS} FROM lessons l WHERE l.id = $1 FOR UPDATE`);

/** What the rules need of a lesson's project. */
export interface LessonProjectRow {
  id: string;
  tenantId: string;
  orgId: string;
  managerId: string | null;
  /** The tenant's path, root first. */
  path: string[];
}

export const LESSON_PROJECT = statement<LessonProjectRow, [projectId: string]>(
  'lesson-project',
  `SELECT p.id, p.tenant_id AS "tenantId", p.org_id AS "orgId", p.manager_id AS "managerId", t.path
     FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1`,
);

export const PROJECT_CLOSABLE = statement<{ closable: boolean }, [projectId: string]>('project-closable', 'SELECT pmo_project_closable($1) AS closable');

export interface LessonTenantRow {
  id: string;
  name: string;
  kind: TenantKind;
  depth: number;
  parentId: string | null;
}

export const LESSON_TENANTS = statement<LessonTenantRow, [tenantIds: string[]]>(
  'lesson-tenants',
  'SELECT id, name, kind, depth, parent_id AS "parentId" FROM pmo_lesson_tenants($1::uuid[])',
);

export const SEARCH_CONFIG_EXISTS = statement<{ name: string }, [name: string]>(
  'search-config-exists',
  'SELECT cfgname AS name FROM pg_ts_config WHERE cfgname = $1',
);

/** An organization's configuration, set (by its hub) and followed by every lesson's document. */
export const SET_SEARCH_CONFIG = statement<never, [orgId: string, config: string]>(
  'set-lesson-search-config',
  `INSERT INTO lesson_search_settings (org_id, tenant_id, search_config) VALUES ($1, $1, $2)
   ON CONFLICT (org_id) DO UPDATE SET search_config = EXCLUDED.search_config, updated_at = now()`,
);

export const REINDEX_ORGANIZATION = statement<never, [orgId: string, config: string]>(
  'reindex-lessons',
  'UPDATE lessons SET search_config = $2 WHERE org_id = $1 AND search_config <> $2',
);

/** A project as the Project GraphQL type's fields read it (the projects library's model). */
export interface ProjectCardRow {
  id: string;
  orgId: string;
  tenantId: string;
  code: string;
  name: string;
  description: string | null;
  state: string;
  startDate: string | null;
  endDate: string | null;
  plannedBudget: number | null;
  actualCost: number | null;
  currentPhase: string | null;
  methodologyId: string | null;
  methodologyVersion: number | null;
  programId: string | null;
  managerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const PROJECT_CARD = statement<ProjectCardRow, [projectId: string]>(
  'lesson-project-card',
  `SELECT p.id, p.org_id AS "orgId", p.tenant_id AS "tenantId", p.code, p.name, p.description, p.state,
          p.start_date::text AS "startDate", p.end_date::text AS "endDate",
          p.planned_budget::float8 AS "plannedBudget", p.actual_cost::float8 AS "actualCost",
          p.current_phase AS "currentPhase", p.methodology_id AS "methodologyId", p.methodology_version AS "methodologyVersion",
          p.program_id AS "programId", p.manager_id AS "managerId", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
     FROM projects p WHERE p.id = $1`,
);
