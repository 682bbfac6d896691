// A KPI definition's own rules, beyond the lifecycle: the shape of its key, and RAG
// thresholds that fit its direction.
import { KpiDirection } from '@pmo/shared';
import { badInput } from '@pmo/core';

export const KPI_KEY = /^[a-z][a-z0-9_]{1,62}$/;
export const KPI_KEY_RULE = 'key must start with a lowercase letter, then 1 to 62 lowercase letters, digits or underscores';

export interface Thresholds {
  greenThreshold: number | null;
  amberThreshold: number | null;
}

/**
 * RAG thresholds come as a pair or not at all, and green must sit on the better side of
 * amber: at or above it when higher is better, at or below it when lower is better.
 */
export function checkThresholds(direction: KpiDirection, green: number | null | undefined, amber: number | null | undefined): Thresholds {
  const g = green ?? null;
  const a = amber ?? null;
  if ((g === null) !== (a === null)) {
    throw badInput('greenThreshold and amberThreshold are given together or not at all', { field: g === null ? 'greenThreshold' : 'amberThreshold' });
  }
  if (g === null || a === null) return { greenThreshold: null, amberThreshold: null };
  if (!Number.isFinite(g)) throw badInput('greenThreshold must be a finite number', { field: 'greenThreshold' });
  if (!Number.isFinite(a)) throw badInput('amberThreshold must be a finite number', { field: 'amberThreshold' });
  if (direction === KpiDirection.HIGHER_IS_BETTER && g < a) {
    throw badInput('greenThreshold must be at least amberThreshold when higher is better', { field: 'greenThreshold' });
  }
  if (direction === KpiDirection.LOWER_IS_BETTER && g > a) {
    throw badInput('greenThreshold must be at most amberThreshold when lower is better', { field: 'greenThreshold' });
  }
  return { greenThreshold: g, amberThreshold: a };
}
