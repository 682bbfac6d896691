// The facts of compliance for a subtree (or some of its projects) and a period, as of a
// reference instant, in one set-based statement.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dateOf, DummyValue, GenerateSql, runPrepared } from '@pmo/core';
import { COMPLIANCE_FACTS, COMPLIANCE_FACTS_OF_SUBTREE, ComplianceFactsRow } from './compliance.sql';

@Injectable()
export class ComplianceRepository {
  @GenerateSql(
    { name: 'subtree', params: [DummyValue.UUID, DummyValue.PERIOD, null, DummyValue.TIMESTAMP] },
    { name: 'projects', params: [DummyValue.UUID, DummyValue.PERIOD, DummyValue.UUID_SET, DummyValue.TIMESTAMP] },
  )
  facts(em: EntityManager, tenantId: string, period: string, projectIds: readonly string[] | null, referenceInstant: Date): Promise<ComplianceFactsRow[]> {
    // Two names for one text: each kind keeps a plan of its own (a subtree's generic plan
    // would scan the subtree for a few projects too).
    const statement = projectIds ? COMPLIANCE_FACTS : COMPLIANCE_FACTS_OF_SUBTREE;
    return runPrepared(em, statement, [tenantId, period, projectIds ? [...projectIds] : null, dateOf(referenceInstant), referenceInstant]);
  }
}
