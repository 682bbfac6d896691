// The programs of a page of projects, read on every list with nested fields: written once.
import { statement } from '@pmo/core';
import type { ProgramEntity } from './program.entity';

/** The visible programs among the ids. */
export const PROGRAMS_BY_IDS = statement<ProgramEntity, [ids: readonly string[]]>(
  'programs-by-ids',
  `SELECT id, org_id AS "orgId", tenant_id AS "tenantId", name, description, created_at AS "createdAt" FROM programs WHERE id = ANY($1::uuid[])`,
);
