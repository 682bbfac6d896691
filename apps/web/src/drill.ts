// The drill-down's state: where a tenant sits in its organization (the breadcrumb) and
// the heatmap of its children × KPIs, built from the API's rollups.
import type { Rag } from './rag';

export interface TenantNode {
  id: string;
  name: string;
  parent?: TenantNode | null;
}

/** The path from the topmost ancestor the API returned down to the tenant itself. */
export function ancestry(tenant: TenantNode): Array<{ id: string; name: string }> {
  const path: Array<{ id: string; name: string }> = [];
  for (let node: TenantNode | null | undefined = tenant; node; node = node.parent) path.unshift({ id: node.id, name: node.name });
  return path;
}

export interface Cell {
  value: number | null;
  rag: Rag | null;
  projectCount: number;
}

export interface HeatmapFigure extends Cell {
  tenant: { id: string };
  kpi: { key: string };
}

export interface Heatmap {
  rows: Array<{ id: string; name: string; cells: Array<Cell | null> }>;
  columns: Array<{ key: string; name: string; unit: string | null }>;
}

/**
 * One row per child (in the tenant's order), one column per KPI (in the tiles' order); a
 * child with no figure for a KPI has an empty cell.
 */
export function buildHeatmap(
  children: Array<{ id: string; name: string }>,
  kpis: Array<{ key: string; name: string; unit?: string | null }>,
  figures: HeatmapFigure[],
): Heatmap {
  const byCell = new Map(figures.map((f) => [`${f.tenant.id}|${f.kpi.key}`, f]));
  return {
    columns: kpis.map((k) => ({ key: k.key, name: k.name, unit: k.unit ?? null })),
    rows: children.map((child) => ({
      id: child.id,
      name: child.name,
      cells: kpis.map((k) => {
        const figure = byCell.get(`${child.id}|${k.key}`);
        return figure ? { value: figure.value, rag: figure.rag, projectCount: figure.projectCount } : null;
      }),
    })),
  };
}

/** How many KPIs one heatmap request carries (the document's slots). */
export const HEATMAP_SLOTS = 16;

/** The heatmap query's variables: a slot per KPI, the rest switched off. */
export function heatmapVariables(tenantId: string, period: string, kpiKeys: string[]): Record<string, string | boolean> {
  const variables: Record<string, string | boolean> = { tenantId, period };
  kpiKeys.slice(0, HEATMAP_SLOTS).forEach((key, i) => {
    variables[`k${i}`] = key;
    variables[`i${i}`] = true;
  });
  return variables;
}
