// Governance's reads and writes of the projects it governs, and the independence rules'
// questions about people, all through named statements (see governed-project.sql.ts).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run, runOne } from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import {
  GOVERNED_PROJECT,
  GovernedProjectRow,
  LOCK_GOVERNED_PROJECT,
  ORG_MEMBERS,
  PATH_MEMBERSHIPS,
  PathMembershipRow,
  PhaseRow,
  PROJECT_CARDS,
  PROJECT_PHASES,
  ProjectCardRow,
  SET_PROJECT_PHASE,
  SET_PROJECT_STATE,
} from './governed-project.sql';

@Injectable()
export class GovernedProjectRepository {
  @GenerateSql({ params: [DummyValue.UUID] })
  async find(em: EntityManager, projectId: string): Promise<GovernedProjectRow | null> {
    return (await runOne(em, GOVERNED_PROJECT, [projectId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async lock(em: EntityManager, projectId: string): Promise<GovernedProjectRow | null> {
    return (await runOne(em, LOCK_GOVERNED_PROJECT, [projectId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  cards(em: EntityManager, projectIds: readonly string[]): Promise<ProjectCardRow[]> {
    return run(em, PROJECT_CARDS, [[...projectIds]]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  phases(em: EntityManager, projectId: string): Promise<PhaseRow[]> {
    return run(em, PROJECT_PHASES, [projectId]);
  }

  @GenerateSql({ params: [DummyValue.UUID, ProjectState.ON_HOLD] })
  async setState(em: EntityManager, projectId: string, state: ProjectState): Promise<void> {
    await run(em, SET_PROJECT_STATE, [projectId, state]);
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.TEXT] })
  async setPhase(em: EntityManager, projectId: string, phase: string): Promise<void> {
    await run(em, SET_PROJECT_PHASE, [projectId, phase]);
  }

  @GenerateSql({ params: [DummyValue.UUID_SET, DummyValue.UUID] })
  pathMemberships(em: EntityManager, userIds: readonly string[], tenantId: string): Promise<PathMembershipRow[]> {
    return run(em, PATH_MEMBERSHIPS, [[...userIds], tenantId]);
  }

  @GenerateSql({ params: [DummyValue.UUID_SET, DummyValue.UUID] })
  async orgMembers(em: EntityManager, userIds: readonly string[], orgId: string): Promise<Set<string>> {
    return new Set((await run(em, ORG_MEMBERS, [[...userIds], orgId])).map((row) => row.userId));
  }
}
