import { ragLook, ragRank, worstRag } from './rag';

describe('RAG', () => {
  it('carries every status by word and symbol as well as colour', () => {
    for (const rag of ['GREEN', 'AMBER', 'RED', null] as const) {
      const look = ragLook(rag);
      expect(look.label).toMatch(/\w/);
      expect(look.symbol).not.toBe('');
    }
    const labels = new Set((['GREEN', 'AMBER', 'RED', null] as const).map((r) => ragLook(r).label));
    const symbols = new Set((['GREEN', 'AMBER', 'RED', null] as const).map((r) => ragLook(r).symbol));
    expect(labels.size).toBe(4);
    expect(symbols.size).toBe(4);
  });

  it('ranks red first and no status last, and finds the worst', () => {
    expect(ragRank('RED')).toBeLessThan(ragRank('AMBER'));
    expect(ragRank('GREEN')).toBeLessThan(ragRank(null));
    expect(worstRag(['GREEN', null, 'AMBER'])).toBe('AMBER');
    expect(worstRag([null, undefined])).toBeNull();
  });
});
