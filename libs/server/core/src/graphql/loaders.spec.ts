import { runWithContext } from '../tenancy/request-context';
import { loadNow, requestLoader } from './loaders';

describe('loadNow', () => {
  const context = () => ({ requestId: 'r', actor: { kind: 'anonymous' as const } });

  it("answers a promise until the key's batch has run, then the value itself", async () => {
    await runWithContext(context(), async () => {
      const batches: string[][] = [];
      const loader = () =>
        requestLoader<string, string | Error>('test.upper', async (keys) => {
          batches.push([...keys]);
          return keys.map((key) => (key === 'bad' ? new Error('no') : key.toUpperCase()));
        });
      const first = loadNow(loader(), 'a');
      expect(first).toBeInstanceOf(Promise);
      await expect(first).resolves.toBe('A');
      expect(loadNow(loader(), 'a')).toBe('A');
      // A key whose batch failed is never taken for loaded: its field reports the error.
      await expect(loadNow(loader(), 'bad')).rejects.toThrow('no');
      const again = loadNow(loader(), 'bad');
      expect(again).toBeInstanceOf(Promise);
      await expect(again).rejects.toThrow('no');
      expect(batches).toEqual([['a'], ['bad']]);
    });
  });

  it("keeps each request's values to that request", async () => {
    const batch = async (keys: readonly string[]) => keys.map((key) => `${key}!`);
    await runWithContext(context(), () => requestLoader('test.own', batch).load('x'));
    await runWithContext(context(), async () => expect(loadNow(requestLoader('test.own', batch), 'x')).toBeInstanceOf(Promise));
  });
});
