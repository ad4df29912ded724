// The scanner's windows and threads: a stream cut anywhere (and written through either sink)
// gives what findTweetIds gives on the whole text; every ID value printed exactly; the snowflake
// limits to the millisecond (against the oracle); hostile and long-pending input across window
// seams; a file on one thread or two (src/finder/finderWasm.ts, src/finder/scanWorker.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { findTweetIds, scannerModule, TweetIdScanner, type IdSink } from '../../../src/finder/finder';
import { scanFileWasm, WASM_WINDOW } from '../../../src/finder/finderWasm';
import type { WorkerJob, WorkerResult } from '../../../src/finder/scanWorker';
import { ndjsonArb, scanChunks, split, textArb } from './finderArbitraries';
import { oracleFind } from './finderOracle';
import { snowflakeAt } from '../../../src/shared/tweetId';

const NOW = { now: Date.UTC(2024, 5, 1) };
const MB = 1 << 20;

/** The streaming scanner on the chunks; asLines: through the text-lines sink the CLI uses. */
function stream(chunks: Buffer[], options = NOW, asLines = false) {
  return scanChunks((onId) => {
    const sink: IdSink = asLines ? { lines: (text) => Buffer.from(text).toString('latin1').split('\n').slice(0, -1).forEach(onId) } : onId;
    return new TweetIdScanner(sink, options);
  }, chunks);
}

/** findTweetIds' answer in the streaming scanner's shape. */
function whole(text: string | Buffer, options = NOW) {
  const r = findTweetIds(typeof text === 'string' ? text : text.toString('utf8'), options);
  return { ids: r.ids, stats: { found: r.ids.length, duplicates: r.duplicates, invalid: r.invalid, skipped: r.skipped } };
}

/** The text streamed whole and cut at `cuts` (through the lines sink) equals findTweetIds on it. */
function same(text: string, cuts: number[] = [], options = NOW) {
  const bytes = Buffer.from(text, 'utf8');
  const expected = whole(text, options);
  assert.deepEqual(stream([bytes], options), expected);
  assert.deepEqual(stream(split(bytes, cuts), options, true), expected);
  return expected;
}

/** What the oracle finds, in the streaming scanner's shape. */
function oracle(text: string, now: number) {
  const r = oracleFind(text, now, 'text');
  return { ids: r.ids, stats: { found: r.ids.length, duplicates: r.duplicates, invalid: r.invalid, skipped: r.skipped } };
}

async function inFile<T>(content: string | Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const file = path.join(os.tmpdir(), `finder-wasm-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, content);
  try {
    return await fn(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The scan of a file; with parallel, `merged` says whether it was split and the halves merged. */
async function fromFile(file: string, parallel: boolean, merged?: boolean) {
  const ids: string[] = [];
  let split: boolean | undefined;
  const stats = await scanFileWasm(file, (id) => ids.push(id), { ...NOW, parallel, onSplit: (_at, m) => (split = m) });
  if (merged !== undefined) assert.equal(split, merged, merged ? 'split and merged' : 'split, then scanned on');
  return { ids, stats: { ...stats } };
}

describe('the scanner in chunks and windows', () => {
  it('a stream cut anywhere, through either sink, gives what findTweetIds gives on the whole text', function () {
    this.timeout(120_000); // a bound against a hang, not a speed check
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => void same(t, cuts)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(ndjsonArb, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => void same(t, cuts)),
      { numRuns: 200 },
    );
  });

  it('one byte at a time', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const chunks: Buffer[] = [];
        for (let k = 0; k < bytes.length; k++) chunks.push(bytes.subarray(k, k + 1));
        assert.deepEqual(stream(chunks), whole(text));
      }),
      { numRuns: 200 },
    );
  });

  it('prints every ID value exactly (1 to 19 digits, up to 2^63-1, in status URLs), as the oracle finds them', function () {
    this.timeout(120_000); // a bound against a hang: the oracle is slow on a loaded machine
    const far = { now: Date.UTC(2100, 0, 1) };
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }), { minLength: 1, maxLength: 40 }), (values) => {
        const text = values.map((v, k) => `https://x.com/u/status/${v} ${k % 2 ? v + 1n : ''}\n`).join('');
        const expected = oracle(text, far.now);
        assert.ok(expected.ids.length >= new Set(values).size);
        assert.deepEqual(same(text, [], far), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the snowflake time limits, to the millisecond (2010-11-04 and now), as the oracle has them', function () {
    this.timeout(120_000);
    const at = (ms: number, low: bigint) => BigInt(snowflakeAt(ms, low));
    fc.assert(
      fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), fc.bigInt({ min: 0n, max: (1n << 22n) - 1n }), (d1, d2, low) => {
        const text = `${at(Date.UTC(2010, 10, 4) + d1, low)} ${at(NOW.now + d2, low)} ${at(NOW.now + d2, (1n << 22n) - 1n)} ${at(NOW.now + d2, 0n)}`;
        assert.deepEqual(same(text), oracle(text, NOW.now));
      }),
      { numRuns: 400 },
    );
  });

  it('hostile input across window seams: digits, glued near-IDs, random bytes, a one-line array of users', () => {
    const digits = Buffer.alloc(3 * MB);
    for (let k = 0; k < digits.length; k++) digits[k] = 48 + ((k * 7 + (k >> 5)) % 10);
    const unit = 'a1712345678901234688 1712345678901234688b _1712345678901234688 0.1712345678901234688 1712345678901234688.5 17123456789012346889 ';
    const glued = Buffer.from(unit.repeat(Math.ceil((2 * MB) / unit.length)));
    let seed = 12345;
    const random = Buffer.alloc(2 * MB);
    for (let k = 0; k < random.length; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      random[k] = seed >>> 24;
    }
    const users: string[] = [];
    for (let k = 0, size = 0; size < 2 * MB; k++) {
      const id = (1395125474427768834n + BigInt(k) * 4194304n).toString();
      users.push(`{"id":${id},"id_str":"${id}","name":"User ${k}","profile_image_url_https":"https://pbs.twimg.com/profile_images/${id}/a_normal.jpg"}`);
      size += users[users.length - 1].length;
    }
    const array = Buffer.from(`[${users.join(',')}]`);
    for (const buf of [digits, glued, random, array]) {
      const expected = stream([buf]);
      assert.deepEqual(stream(split(buf, [65536, 1000003, MB + 7])), expected);
      if (buf !== random) assert.deepEqual(whole(buf), expected); // random bytes are not UTF-8: findTweetIds takes text
    }
    for (const buf of [digits, glued, array]) assert.deepEqual(stream([buf]).ids, []);
    assert.equal(stream([array]).stats.skipped, users.length * 3);
  });

  it('a long pending object (past the 1 MB decision window, thousands of queued IDs)', () => {
    const text = '{"id":"1712345678901234688","list":[' + '"1460323737035677698",'.repeat(60000) + '"1458208665040297986"]}';
    assert.deepEqual(same(text, [100, 700001]).ids, ['1712345678901234688', '1460323737035677698', '1458208665040297986']);
    const many = Array.from({ length: 9000 }, (_, k) => (1460323737035677698n + BigInt(k) * 4194304n).toString());
    const queued = same(`{"id":1712345678901234688,"list":[${many.join(',')}],"text":"x"} {"id":1712345678901234689,"user":{"id":${many[0]}}}`, [5000, 90000]);
    assert.deepEqual(queued.ids, ['1712345678901234688', ...many, '1712345678901234689']);
  });

  it('input larger than the window, written in one piece', () => {
    const sample = fc.sample(ndjsonArb, { numRuns: 400, seed: 7 }).join('');
    const big = Buffer.from(sample.repeat(Math.ceil((WASM_WINDOW * 2.5) / sample.length)));
    assert.ok(big.length > 2 * WASM_WINDOW);
    const expected = whole(big);
    assert.ok(expected.ids.length > 100);
    assert.deepEqual(stream([big]), expected);
  });

  it('refuses writes after end', () => {
    const scanner = new TweetIdScanner(() => undefined, NOW);
    scanner.end();
    assert.throws(() => scanner.write('1712345678901234688'), /after end/);
  });
});

describe('scanFileWasm: a file, on one thread or two', () => {
  const sample = fc.sample(ndjsonArb, { numRuns: 300, seed: 42 }).flatMap((s) => s.trim().split('\n'));

  function bigText(pretty: boolean, bytes: number): string {
    const parts: string[] = [];
    for (let k = 0, size = 0; size < bytes; k++) {
      parts.push(sample[k % sample.length]);
      size += parts[parts.length - 1].length + 1;
    }
    return pretty ? '[\n' + parts.join(',\n') + '\n]\n' : parts.join('\n') + '\n';
  }

  it('NDJSON on two threads: the second half merged (repeats across halves count as duplicates)', async function () {
    this.timeout(60000);
    const text = bigText(false, 9 * MB);
    const expected = stream([Buffer.from(text)]);
    assert.ok(expected.stats.duplicates > 0);
    await inFile(text, async (file) => {
      assert.deepEqual(await fromFile(file, true, true), expected);
      assert.deepEqual(await fromFile(file, false), expected);
    });
  });

  it('a pretty-printed JSON array on two threads: not at top level at the split, so scanned on; same result', async function () {
    this.timeout(60000);
    const text = bigText(true, 3 * MB);
    await inFile(text, async (file) => assert.deepEqual(await fromFile(file, true, false), stream([Buffer.from(text)])));
  });

  it('user objects, one a line, in a "users" array across the split: skipped as one pass would', async function () {
    this.timeout(60000);
    const lines: string[] = [];
    for (let k = 0, size = 0; size < 3 * MB; k++) {
      lines.push(`{"id": ${1460323737035677698n + BigInt(k) * 4194304n}, "note": "a user"}`);
      size += lines[lines.length - 1].length + 2;
    }
    const text = `{"users": [\n${lines.join(',\n')}\n]}\n`;
    const expected = stream([Buffer.from(text)]);
    assert.equal(expected.ids.length, 0);
    assert.equal(expected.stats.skipped, lines.length);
    await inFile(text, async (file) => assert.deepEqual(await fromFile(file, true, false), expected));
  });

  it('empty and tiny files; a missing file or a directory throws the fs error', async () => {
    await inFile('', async (file) => assert.deepEqual(await fromFile(file, true), { ids: [], stats: { found: 0, duplicates: 0, invalid: 0, skipped: 0 } }));
    await inFile('see 1712345678901234688 and 1712345678901234688', async (file) => assert.deepEqual((await fromFile(file, true)).ids, ['1712345678901234688']));
    await assert.rejects(
      scanFileWasm('/nonexistent/finder-wasm', () => undefined),
      { code: 'ENOENT' },
    );
    await assert.rejects(
      scanFileWasm(os.tmpdir(), () => undefined),
      { code: 'EISDIR' },
    );
  });

  it('the bundled worker (dist/scanWorker.js, next to dist/cli.js) scans a part of a file as this thread would', async function () {
    this.timeout(60000);
    const bundled = path.resolve(__dirname, '../../../../dist/scanWorker.js'); // tests run from out/test/unit/finder
    assert.ok(fs.existsSync(bundled), 'npm run build makes dist/scanWorker.js');
    const text = bigText(false, MB);
    const start = text.indexOf('\n', text.length >> 1);
    const rest = Buffer.from(text).subarray(start);
    await inFile(text, async (file) => {
      const job: WorkerJob = { module: scannerModule(), file, start, end: Buffer.byteLength(text), now: NOW.now, window: WASM_WINDOW };
      const result = await new Promise<WorkerResult>((resolve, reject) => {
        const worker = new Worker(bundled, { workerData: job });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.equal(result.error, undefined);
      const ids = Buffer.from(result.text!.subarray(0, result.length)).toString('latin1').split('\n').slice(0, -1);
      const expected = stream([rest]);
      assert.ok(expected.ids.length > 10);
      assert.deepEqual({ ids, stats: result.stats }, expected);
    });
  });
});
