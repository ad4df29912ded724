import { strict as assert } from 'node:assert';
import { BatchTimer, CancelToken, HoverFetchBatcher, HoverBatcherOptions } from '../../../../src/features/hover/hoverBatcher';

/** A manual clock and timer: time moves only when the test says so. */
class FakeTime implements BatchTimer {
  now = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  set(fn: () => void, ms: number): unknown {
    const h = this.next++;
    this.timers.set(h, { at: this.now + ms, fn });
    return h;
  }
  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }
  get pending(): number {
    return this.timers.size;
  }
}

class FakeToken implements CancelToken {
  isCancellationRequested = false;
  private listeners = new Set<() => void>();
  onCancellationRequested(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of [...this.listeners]) l();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

interface Harness {
  time: FakeTime;
  batcher: HoverFetchBatcher;
  sent: string[][];
  fresh: Set<string>;
  /** Resolves the oldest unresolved send; marks its IDs fresh unless told otherwise. */
  finish(markFresh?: boolean): Promise<void>;
}

function harness(over: Partial<HoverBatcherOptions> = {}): Harness {
  const time = new FakeTime();
  const sent: string[][] = [];
  const fresh = new Set<string>();
  const resolvers: { ids: string[]; resolve: () => void }[] = [];
  const batcher = new HoverFetchBatcher({
    timer: time,
    now: () => time.now,
    isFresh: (id) => fresh.has(id),
    send: (ids) => {
      sent.push(ids);
      return new Promise<void>((resolve) => resolvers.push({ ids, resolve }));
    },
    ...over,
  });
  return {
    time,
    batcher,
    sent,
    fresh,
    async finish(markFresh = true) {
      const r = resolvers.shift();
      assert.ok(r, 'no send in flight');
      if (markFresh) for (const id of r.ids) fresh.add(id);
      r.resolve();
      await new Promise((res) => setImmediate(res));
    },
  };
}

const id = (n: number) => (1_700_000_000_000_000_000n + BigInt(n)).toString();

describe('HoverFetchBatcher', () => {
  it('sends IDs hovered within the window as one batch, 400 ms after the last', () => {
    const h = harness();
    assert.equal(h.batcher.request(id(1)), 'queued');
    h.time.advance(300);
    assert.equal(h.batcher.request(id(2)), 'queued');
    h.time.advance(300); // 600 ms after the first, 300 after the last: still waiting
    assert.deepEqual(h.sent, []);
    assert.equal(h.batcher.isFetching(id(1)), true);
    h.time.advance(100);
    assert.deepEqual(h.sent, [[id(1), id(2)]]);
    assert.equal(h.time.pending, 0);
  });

  it('does not wait forever while hovering goes on (max wait)', () => {
    const h = harness({ delayMs: 400, maxWaitMs: 1000 });
    for (let i = 0; i < 10; i++) {
      h.batcher.request(id(i));
      h.time.advance(300);
    }
    assert.ok(h.sent.length >= 2, `sent ${h.sent.length} batches`);
    assert.deepEqual(h.sent[0], [id(0), id(1), id(2), id(3)]);
  });

  it('sends a full batch at once and keeps the rest for the next', () => {
    const h = harness({ maxBatch: 250 });
    for (let i = 0; i < 260; i++) h.batcher.request(id(i));
    assert.equal(h.sent.length, 1);
    assert.equal(h.sent[0].length, 250);
    assert.equal(h.batcher.queuedCount, 10);
    h.time.advance(400);
    assert.equal(h.sent.length, 2);
    assert.deepEqual(
      h.sent[1],
      Array.from({ length: 10 }, (_, i) => id(250 + i)),
    );
  });

  it('never repeats a fetch for an ID that is in flight or fresh', async () => {
    const h = harness();
    h.batcher.request(id(1));
    h.batcher.request(id(1));
    h.time.advance(400);
    assert.deepEqual(h.sent, [[id(1)]]);
    assert.equal(h.batcher.request(id(1)), 'in-flight');
    assert.equal(h.batcher.isFetching(id(1)), true);
    await h.finish(true);
    assert.equal(h.batcher.isFetching(id(1)), false);
    assert.equal(h.batcher.request(id(1)), 'fresh');
    h.time.advance(1000);
    assert.equal(h.sent.length, 1);
  });

  it('does not retry an ID whose fetch brought no fresh numbers until retryAfterMs', async () => {
    const h = harness({ retryAfterMs: 60_000 });
    h.batcher.request(id(1));
    h.time.advance(400);
    await h.finish(false);
    assert.equal(h.batcher.request(id(1)), 'recently-tried');
    h.time.advance(60_000);
    assert.equal(h.batcher.request(id(1)), 'queued');
  });

  it('drops an ID whose only hover was cancelled before the batch left', () => {
    const h = harness();
    const t1 = new FakeToken();
    h.batcher.request(id(1), t1);
    h.batcher.request(id(2));
    t1.cancel();
    assert.equal(h.batcher.isFetching(id(1)), false);
    h.time.advance(400);
    assert.deepEqual(h.sent, [[id(2)]]);
  });

  it('keeps an ID another hover still wants; a cancelled queue sends nothing', () => {
    const h = harness();
    const a = new FakeToken();
    const b = new FakeToken();
    h.batcher.request(id(1), a);
    h.batcher.request(id(1), b);
    a.cancel();
    h.time.advance(400);
    assert.deepEqual(h.sent, [[id(1)]]);
    assert.equal(b.listenerCount, 0, 'listeners released once sent');

    const c = new FakeToken();
    h.batcher.request(id(3), c);
    c.cancel();
    assert.equal(h.time.pending, 0);
    h.time.advance(1000);
    assert.equal(h.sent.length, 1);
  });

  it('ignores an already cancelled hover and cancellation after the batch left', () => {
    const h = harness();
    const done = new FakeToken();
    done.cancel();
    assert.equal(h.batcher.request(id(1), done), 'cancelled');
    const late = new FakeToken();
    h.batcher.request(id(2), late);
    h.time.advance(400);
    late.cancel();
    assert.deepEqual(h.sent, [[id(2)]]);
    assert.equal(h.batcher.isFetching(id(2)), true);
  });

  it('aborts in-flight sends and refuses work once disposed', () => {
    let signal: AbortSignal | undefined;
    const h = harness({
      send: (_ids, s) => {
        signal = s;
        return new Promise(() => {});
      },
    });
    h.batcher.request(id(1));
    h.time.advance(400);
    h.batcher.request(id(2));
    h.batcher.dispose();
    assert.equal(signal?.aborted, true);
    assert.equal(h.batcher.request(id(3)), 'disposed');
    assert.equal(h.time.pending, 0);
  });

  it('settled(): resolves when the batch is back (numbers or not), when the only hover is cancelled, or on dispose', async () => {
    const h = harness();
    const state = (p: Promise<void>) => Promise.race([p.then(() => 'settled'), new Promise((res) => setImmediate(() => res('pending')))]);
    assert.equal(await state(h.batcher.settled(id(9))), 'settled', 'nothing to wait for');

    h.batcher.request(id(1));
    h.batcher.request(id(2));
    const one = h.batcher.settled(id(1));
    const two = h.batcher.settled(id(2));
    assert.equal(await state(one), 'pending', 'queued');
    h.time.advance(400);
    assert.equal(await state(one), 'pending', 'in flight');
    await h.finish(false); // back without numbers: settled all the same
    assert.equal(await state(one), 'settled');
    assert.equal(await state(two), 'settled');

    const token = new FakeToken();
    h.batcher.request(id(3), token);
    const three = h.batcher.settled(id(3));
    token.cancel();
    assert.equal(await state(three), 'settled', 'withdrawn before its batch left');

    h.batcher.request(id(4));
    h.time.advance(400);
    const four = h.batcher.settled(id(4));
    h.batcher.dispose();
    assert.equal(await state(four), 'pending', 'the aborted send has not come back yet');
    await h.finish(false);
    assert.equal(await state(four), 'settled');

    const h2 = harness();
    h2.batcher.request(id(5));
    const five = h2.batcher.settled(id(5));
    h2.batcher.dispose();
    assert.equal(await state(five), 'settled', 'dropped from the queue by dispose');
  });

  it('survives a send that throws, reporting the error', async () => {
    const errors: unknown[] = [];
    const h = harness({
      send: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    h.batcher.request(id(1));
    h.time.advance(400);
    await new Promise((res) => setImmediate(res));
    assert.equal(errors.length, 1);
    assert.equal(h.batcher.isFetching(id(1)), false);
  });
});
