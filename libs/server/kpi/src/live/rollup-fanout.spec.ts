import { Mailbox, ReadGroup } from './rollup-fanout';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('live fan-out', () => {
  describe('a read group', () => {
    function group() {
      const reads: string[][] = [];
      let release: (() => void) | undefined;
      const read = async (nodes: Array<{ key: string; version: number }>) => {
        reads.push(nodes.map((node) => `${node.key}@${node.version}`));
        await new Promise<void>((resolve) => (release = resolve));
        return nodes.map((node) => ({ key: node.key, item: `${node.key}=${node.version}` }));
      };
      const failures: unknown[] = [];
      const readGroup = new ReadGroup<{ key: string; version: number }, string>(
        (node) => node.key,
        read,
        (error) => failures.push(error),
      );
      return { readGroup, reads, failures, release: () => release?.() };
    }

    it('reads a burst once for all its members, each node at its latest', async () => {
      const { readGroup, reads, release } = group();
      const members = Array.from({ length: 100 }, () => new Mailbox<string>(() => undefined));
      for (const member of members) readGroup.members.add(member);
      readGroup.offer({ key: 'a', version: 1 });
      readGroup.offer({ key: 'b', version: 1 });
      readGroup.offer({ key: 'a', version: 2 });
      await turn();
      expect(reads).toEqual([['a@2', 'b@1']]);
      release();
      await turn();
      for (const member of members) {
        expect(await member.next()).toEqual({ value: 'a=2', done: false });
        expect(await member.next()).toEqual({ value: 'b=1', done: false });
      }
    });

    it('keeps changes that arrive during a read for one more read, never two at once', async () => {
      const { readGroup, reads, release } = group();
      readGroup.offer({ key: 'a', version: 1 });
      await turn();
      for (let version = 2; version <= 5; version++) readGroup.offer({ key: 'a', version });
      readGroup.offer({ key: 'c', version: 1 });
      await turn();
      expect(reads).toEqual([['a@1']]);
      release();
      await turn();
      expect(reads).toEqual([['a@1'], ['a@5', 'c@1']]);
      release();
      await turn();
      readGroup.offer({ key: 'a', version: 6 });
      await turn();
      expect(reads).toHaveLength(3);
    });

    it('survives a failed read', async () => {
      const failures: unknown[] = [];
      let calls = 0;
      const readGroup = new ReadGroup<string, string>(
        (node) => node,
        async (nodes) => {
          if (++calls === 1) throw new Error('database down');
          return nodes.map((node) => ({ key: node, item: node }));
        },
        (error) => failures.push(error),
      );
      const member = new Mailbox<string>(() => undefined);
      readGroup.members.add(member);
      readGroup.offer('x');
      await turn();
      await turn();
      expect(failures).toHaveLength(1);
      readGroup.offer('y');
      expect(await member.next()).toEqual({ value: 'y', done: false });
    });
  });

  describe('a mailbox', () => {
    it('hands out items in order, a newer item replacing an unread one of the same key', async () => {
      const mailbox = new Mailbox<number>(() => undefined);
      mailbox.put('a', 1);
      mailbox.put('b', 1);
      mailbox.put('a', 2);
      expect(await mailbox.next()).toEqual({ value: 1, done: false });
      expect(await mailbox.next()).toEqual({ value: 2, done: false });
      const waiting = mailbox.next();
      mailbox.put('c', 3);
      expect(await waiting).toEqual({ value: 3, done: false });
    });

    it('closes at once, even while a reader waits, and says so once', async () => {
      let closed = 0;
      const mailbox = new Mailbox<number>(() => closed++);
      const waiting = mailbox.next();
      await mailbox.return();
      await mailbox.return();
      expect(await waiting).toEqual({ value: undefined, done: true });
      mailbox.put('a', 1);
      expect(await mailbox.next()).toEqual({ value: undefined, done: true });
      expect(closed).toBe(1);
    });
  });
});
