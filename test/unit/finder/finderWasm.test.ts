// The WebAssembly scanner (src/wasm/finder.ts via src/core/finderWasm.ts) against the JavaScript
// one (src/core/finder.ts): the same IDs in the same order and the same stats, on generated and
// hostile input, whole, in random chunks, from files, and split over two threads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { TweetIdScanner } from '../../../src/finder/finder';
import { scanFileWasm, WasmTweetIdScanner, WASM_WINDOW, type IdSink } from '../../../src/finder/finderWasm';
import { jsonArb, ndjsonArb, scanChunks, split, textArb } from './finderArbitraries';

const NOW = { now: Date.UTC(2024, 5, 1) };
const MB = 1 << 20;

function js(chunks: Buffer[], options = NOW) {
  return scanChunks((onId) => new TweetIdScanner(onId, options), chunks);
}

/** The WebAssembly scanner; asLines: through the text-lines sink the CLI uses. */
function wasm(chunks: Buffer[], options = NOW, asLines = false) {
  return scanChunks((onId) => {
    const sink: IdSink = asLines ? { lines: (text) => Buffer.from(text).toString('latin1').split('\n').slice(0, -1).forEach(onId) } : onId;
    const scanner = WasmTweetIdScanner.create(sink, options);
    assert.ok(scanner, 'this Node has WebAssembly SIMD');
    return scanner;
  }, chunks);
}

function same(text: string, cuts: number[] = [], options = NOW) {
  const bytes = Buffer.from(text, 'utf8');
  const expected = js([bytes], options);
  assert.deepEqual(wasm([bytes], options), expected);
  assert.deepEqual(wasm(split(bytes, cuts), options, true), expected);
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
  assert.ok(stats);
  if (merged !== undefined) assert.equal(split, merged, merged ? 'split and merged' : 'split, then scanned on');
  return { ids, stats: { ...stats } };
}

describe('WebAssembly scanner = JavaScript scanner', () => {
  it('on generated text (whole, and in random chunks as lines)', function () {
    this.timeout(120_000); // 1,500 generated texts: a bound against a hang, not a speed check (a loaded machine takes > 20 s)
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => same(t, cuts)),
      { numRuns: 1500 },
    );
  });

  it('on generated NDJSON Tweet-like objects', () => {
    fc.assert(
      fc.property(ndjsonArb, fc.array(fc.nat(), { maxLength: 10 }), (t, cuts) => same(t, cuts)),
      { numRuns: 500 },
    );
  });

  it('on pretty-printed JSON', () => {
    fc.assert(
      fc.property(jsonArb.object, (o) => same(JSON.stringify(o, null, 2).replace(/"§(\d+)"/g, '$1'))),
      { numRuns: 300 },
    );
  });

  it('one byte at a time', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const chunks: Buffer[] = [];
        for (let k = 0; k < bytes.length; k++) chunks.push(bytes.subarray(k, k + 1));
        assert.deepEqual(wasm(chunks), js([bytes]));
      }),
      { numRuns: 200 },
    );
  });

  it('prints every ID value exactly (1 to 19 digits, up to 2^63-1, in status URLs)', () => {
    const far = { now: Date.UTC(2100, 0, 1) };
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }), { minLength: 1, maxLength: 40 }), (values) => {
        const text = values.map((v, k) => `https://x.com/u/status/${v} ${k % 2 ? v + 1n : ''}\n`).join('');
        const expected = js([Buffer.from(text)], far);
        assert.ok(expected.ids.length >= new Set(values).size);
        assert.deepEqual(wasm([Buffer.from(text)], far), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the snowflake time limits, to the millisecond (2010-11-04 and now)', () => {
    const at = (ms: number, low: bigint) => ((BigInt(ms) - 1288834974657n) << 22n) | low;
    fc.assert(
      fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), fc.bigInt({ min: 0n, max: (1n << 22n) - 1n }), (d1, d2, low) => {
        const text = `${at(Date.UTC(2010, 10, 4) + d1, low)} ${at(NOW.now + d2, low)} ${at(NOW.now + d2, (1n << 22n) - 1n)} ${at(NOW.now + d2, 0n)}`;
        same(text);
      }),
      { numRuns: 400 },
    );
  });

  it('hostile input: digits, glued near-IDs, random bytes, a one-line array of users', () => {
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
      const expected = js([buf]);
      assert.deepEqual(wasm([buf]), expected);
      assert.deepEqual(wasm(split(buf, [65536, 1000003, MB + 7])), expected);
    }
    assert.equal(js([array]).stats.skipped, users.length * 3);
  });

  it('a long pending object (past the 1 MB decision window, thousands of queued IDs)', () => {
    const text = '{"id":"1712345678901234688","list":[' + '"1460323737035677698",'.repeat(60000) + '"1458208665040297986"]}';
    same(text, [100, 700001]);
    const many = Array.from({ length: 9000 }, (_, k) => (1460323737035677698n + BigInt(k) * 4194304n).toString());
    same(`{"id":1712345678901234688,"list":[${many.join(',')}],"text":"x"} {"id":1712345678901234689,"user":{"id":${many[0]}}}`, [5000, 90000]);
  });

  it('input larger than the window, written in one piece', () => {
    const sample = fc.sample(ndjsonArb, { numRuns: 400, seed: 7 }).join('');
    const big = Buffer.from(sample.repeat(Math.ceil((WASM_WINDOW * 2.5) / sample.length)));
    assert.ok(big.length > 2 * WASM_WINDOW);
    assert.deepEqual(wasm([big]), js([big]));
  });

  it('refuses writes after end', () => {
    const scanner = WasmTweetIdScanner.create(() => undefined, NOW)!;
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
    const expected = js([Buffer.from(text)]);
    assert.ok(expected.stats.duplicates > 0);
    await inFile(text, async (file) => {
      assert.deepEqual(await fromFile(file, true, true), expected);
      assert.deepEqual(await fromFile(file, false), expected);
    });
  });

  it('a pretty-printed JSON array on two threads: not at top level at the split, so scanned on; same result', async function () {
    this.timeout(60000);
    const text = bigText(true, 3 * MB);
    await inFile(text, async (file) => assert.deepEqual(await fromFile(file, true, false), js([Buffer.from(text)])));
  });

  it('user objects, one a line, in a "users" array across the split: skipped as one pass would', async function () {
    this.timeout(60000);
    const lines: string[] = [];
    for (let k = 0, size = 0; size < 3 * MB; k++) {
      lines.push(`{"id": ${1460323737035677698n + BigInt(k) * 4194304n}, "note": "a user"}`);
      size += lines[lines.length - 1].length + 2;
    }
    const text = `{"users": [\n${lines.join(',\n')}\n]}\n`;
    const expected = js([Buffer.from(text)]);
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
});
