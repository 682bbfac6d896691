import { rollupId, showableFigure } from './rollup-fields';

describe('rollup fields', () => {
  const node = { tenantId: '0b8f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a00', kpiId: '1c9f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a11', period: '2026-11' };

  it('ids one rollup node, the same every time, and no other', () => {
    expect(rollupId(node)).toBe(rollupId({ ...node }));
    expect(rollupId(node)).toMatch(/^[A-Za-z0-9_-]+$/);
    const others = [
      { ...node, period: '2026-12' },
      { ...node, kpiId: node.tenantId },
      { ...node, tenantId: node.kpiId },
    ];
    expect(new Set([node, ...others].map(rollupId)).size).toBe(4);
  });

  it('shows exact figures as doubles, and refuses one no double can hold', () => {
    expect(showableFigure(null)).toBeNull();
    expect(showableFigure('0.95000000000000000000')).toBe(0.95);
    expect(showableFigure('-1000000000000000')).toBe(-1e15);
    expect(showableFigure('1.7e308')).toBe(1.7e308);
    expect(() => showableFigure('3.4e308')).toThrow(/does not fit a double/);
    expect(() => showableFigure(`-${'9'.repeat(400)}`)).toThrow(/does not fit a double/);
  });
});
