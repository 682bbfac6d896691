// What a rollup shows beyond its stored row: an id for client caches, and its exact
// figure as a GraphQL Float.

export interface RollupNodeKey {
  tenantId: string;
  kpiId: string;
  period: string;
}

/** Stable for one (tenant, KPI, period): the same from every query and every pushed update. */
export function rollupId({ tenantId, kpiId, period }: RollupNodeKey): string {
  return Buffer.from(`${tenantId}:${kpiId}:${period}`).toString('base64url');
}

/**
 * The exact figure (numeric, as text) as a double. Inputs are bounded so that sums fit,
 * but a figure stored otherwise must fail its own field only, never the list around it.
 */
export function showableFigure(figure: string | null): number | null {
  if (figure === null) return null;
  const value = Number(figure);
  if (!Number.isFinite(value)) throw new Error(`Stored rollup figure ${figure.slice(0, 40)} does not fit a double`);
  return value;
}
