// The two pieces of the live fan-out, free of GraphQL and the database so their rules
// are unit-tested: a group of subscribers that share one reader, and each subscriber's
// mailbox.

/**
 * Subscribers who would read the same figures (one tenant, one user) share a group: it
 * reads the nodes that changed once for all of them. Changes that arrive while it reads,
 * or in the same turn of the event loop, wait and are read together, each node once
 * (its latest state is what is read), so a burst costs one read, not one per change
 * per subscriber.
 */
export class ReadGroup<Node, Item> {
  readonly members = new Set<Mailbox<Item>>();
  private readonly pending = new Map<string, Node>();
  private busy = false;

  constructor(
    private readonly keyOf: (node: Node) => string,
    private readonly read: (nodes: Node[]) => Promise<Array<{ key: string; item: Item }>>,
    private readonly failed: (error: unknown) => void,
  ) {}

  offer(node: Node): void {
    this.pending.set(this.keyOf(node), node);
    if (this.busy) return;
    this.busy = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.pending.size) {
      const nodes = [...this.pending.values()];
      this.pending.clear();
      try {
        const items = await this.read(nodes);
        for (const member of this.members) for (const { key, item } of items) member.put(key, item);
      } catch (error) {
        // Best effort, like the events themselves: the stored figures stay readable.
        this.failed(error);
      }
    }
    this.busy = false;
  }
}

/**
 * One subscriber's queue, an async iterator for GraphQL. An item not yet taken gives way
 * to a newer one under the same key: a slow subscriber gets each node's latest figure,
 * and its queue never holds more than one item per node.
 */
export class Mailbox<Item> implements AsyncIterableIterator<Item> {
  private readonly items = new Map<string, Item>();
  private waiting?: (result: IteratorResult<Item>) => void;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  put(key: string, item: Item): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      return resolve({ value: item, done: false });
    }
    this.items.delete(key);
    this.items.set(key, item);
  }

  next(): Promise<IteratorResult<Item>> {
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    const first = this.items.entries().next();
    if (!first.done) {
      this.items.delete(first.value[0]);
      return Promise.resolve({ value: first.value[1], done: false });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The subscriber left: it resolves at once, even while next() waits. */
  return(): Promise<IteratorResult<Item>> {
    if (!this.closed) {
      this.closed = true;
      this.items.clear();
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<Item>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
