// Portfolio decisions as pure rules: the state a decision leaves the project in.
import { ProjectState, Rag } from '@pmo/shared';
import { badInput } from '@pmo/core';

export enum DecisionKind {
  CONTINUE = 'CONTINUE',
  HOLD = 'HOLD',
  CANCEL = 'CANCEL',
  RESCOPE = 'RESCOPE',
}

/**
 * HOLD puts the project ON_HOLD, CANCEL cancels it, CONTINUE makes a held project ACTIVE
 * again, RESCOPE changes no state. A completed or cancelled project takes no decision,
 * and a PROPOSED one cannot be held (it has not started).
 */
export function decisionOutcome(kind: DecisionKind, state: ProjectState): ProjectState {
  if (state === ProjectState.COMPLETED || state === ProjectState.CANCELLED) {
    throw badInput(`The project is ${state}: it takes no more decisions`, { field: 'projectId' });
  }
  switch (kind) {
    case DecisionKind.HOLD:
      if (state === ProjectState.PROPOSED) throw badInput('A PROPOSED project cannot be held', { field: 'kind' });
      return ProjectState.ON_HOLD;
    case DecisionKind.CANCEL:
      return ProjectState.CANCELLED;
    case DecisionKind.CONTINUE:
      return state === ProjectState.ON_HOLD ? ProjectState.ACTIVE : state;
    case DecisionKind.RESCOPE:
      return state;
  }
}

export interface KpiSnapshot {
  kpiKey: string;
  period: string;
  value: number | null;
  rag: Rag | null;
}

/** The figures a decision was made on, as they stood when it was recorded (stored as JSON, never changed). */
export interface DecisionEvidence {
  /** ISO 8601. */
  capturedAt: string;
  period: string | null;
  overall: Rag | null;
  summary: string | null;
  compliance: number | null;
  kpis: KpiSnapshot[];
}
