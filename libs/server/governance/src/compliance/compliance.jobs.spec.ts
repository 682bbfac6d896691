import { mergeEvaluations } from './compliance.jobs';

describe('mergeEvaluations', () => {
  it('evaluates each period once, for the union of the projects asked', () => {
    const merged = mergeEvaluations([
      { period: '2026-10', projectIds: ['a', 'b'] },
      { period: '2026-11', projectIds: ['a'] },
      { period: '2026-10', projectIds: ['b', 'c'] },
    ]);
    expect([...merged]).toEqual([
      ['2026-10', ['a', 'b', 'c']],
      ['2026-11', ['a']],
    ]);
  });

  it('evaluates the whole subtree of a period when one request asks for it, before or after the others', () => {
    const merged = mergeEvaluations([
      { period: '2026-10', projectIds: ['a'] },
      { period: '2026-10', projectIds: null },
      { period: '2026-10', projectIds: ['b'] },
      { period: '2026-11', projectIds: null },
      { period: '2026-11', projectIds: ['c'] },
    ]);
    expect([...merged]).toEqual([
      ['2026-10', null],
      ['2026-11', null],
    ]);
  });
});
