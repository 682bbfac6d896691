// The projects' raw statements: a pmo_* function call and a read of the standards
// library's methodology tables (which this library may not import the entities of).
import { statement } from '@pmo/core';
import { MethodologySnapshot } from './project.rules';

export interface MemberCoversRow {
  covers: boolean;
}

/** Whether the user holds a membership on the tenant or one of its ancestors (the caller may see neither). */
export const MEMBER_COVERS = statement<MemberCoversRow, [userId: string, tenantId: string]>('member-covers', 'SELECT pmo_member_covers($1, $2) AS covers');

export interface MethodologyVersionRow {
  id: string;
  version: number;
  snapshot: MethodologySnapshot;
}

/**
 * The given (or latest) published version of a methodology owned along the tenant path. A
 * retired methodology starts no new project; projects already on it keep their copy.
 */
export const PUBLISHED_METHODOLOGY_VERSION = statement<MethodologyVersionRow, [methodologyId: string, path: string[], version: number | null]>(
  'published-methodology-version',
  `SELECT v.methodology_id AS id, v.version, v.snapshot
     FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id AND m.status = 'PUBLISHED'
    WHERE v.methodology_id = $1 AND v.tenant_id = ANY($2::uuid[]) AND ($3::int IS NULL OR v.version = $3)
    ORDER BY v.version DESC LIMIT 1`,
);
