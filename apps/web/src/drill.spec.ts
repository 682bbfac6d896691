import { ancestry, buildHeatmap, HEATMAP_SLOTS, heatmapVariables } from './drill';

describe('drill-down', () => {
  it('lists a tenant ancestry from the top down', () => {
    const region = { id: 'r', name: 'Region', parent: { id: 'd', name: 'Division', parent: { id: 'h', name: 'Hub', parent: null } } };
    expect(ancestry(region).map((t) => t.name)).toEqual(['Hub', 'Division', 'Region']);
    expect(ancestry({ id: 'h', name: 'Hub' })).toEqual([{ id: 'h', name: 'Hub' }]);
  });

  it('lays the children out by KPI, with an empty cell where a child has no figure', () => {
    const heatmap = buildHeatmap(
      [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      [
        { key: 'cost', name: 'Cost', unit: 'EUR' },
        { key: 'risk', name: 'Risk' },
      ],
      [
        { tenant: { id: 'b' }, kpi: { key: 'risk' }, value: 3, rag: 'RED', projectCount: 2 },
        { tenant: { id: 'a' }, kpi: { key: 'cost' }, value: 10, rag: 'GREEN', projectCount: 5 },
        // A figure of a child or KPI not shown is ignored.
        { tenant: { id: 'z' }, kpi: { key: 'cost' }, value: 1, rag: null, projectCount: 1 },
      ],
    );
    expect(heatmap.columns).toEqual([
      { key: 'cost', name: 'Cost', unit: 'EUR' },
      { key: 'risk', name: 'Risk', unit: null },
    ]);
    expect(heatmap.rows).toEqual([
      { id: 'a', name: 'A', cells: [{ value: 10, rag: 'GREEN', projectCount: 5 }, null] },
      { id: 'b', name: 'B', cells: [null, { value: 3, rag: 'RED', projectCount: 2 }] },
    ]);
  });

  it('fills one slot per KPI in the heatmap request, up to its slots', () => {
    expect(heatmapVariables('t', '2026-11', ['a', 'b'])).toEqual({ tenantId: 't', period: '2026-11', k0: 'a', i0: true, k1: 'b', i1: true });
    const many = heatmapVariables(
      't',
      '2026-11',
      Array.from({ length: 40 }, (_, i) => `k${i}`),
    );
    expect(Object.keys(many).filter((k) => /^i\d+$/.test(k))).toHaveLength(HEATMAP_SLOTS);
  });
});
