// Benchmark of the Tweet ID finder. Build both outputs first (npm run build && npm run compile-tests),
// then: node out/bench/finder.js [sizeMB=64]   (env RUNS=3; KEEP=1 keeps the export)
// 1. Generates an NDJSON export of realistic v1.1 and v2 Tweet objects (bench/finderInputs.ts) to
//    a temp file and times, in the same run and interleaved (best of RUNS each):
//    - `rg -o '[0-9]{15,19}' FILE | wc -l`: ripgrep, the baseline of issue 9 (skipped, with a
//      note, when rg is missing: scripts/ensure-ripgrep.js installs it);
//    - `grep -oE '[0-9]{15,19}' FILE | wc -l` (environment as it is: no LC_ALL), a second baseline;
//    - the real CLI end to end, `node dist/cli.js ids FILE > /dev/null` (Node start-up included;
//      the start-up floor is shown by the same command on an empty file);
//    - in this process: the file scan the CLI uses (scanFileWasm), one thread and two, and
//      findTweetIds on the file's text (what the editor runs on a document: IDs with positions).
//    The headline is the CLI/ripgrep (and CLI/grep) time ratio; the goal line (CLI >= 5x grep's
//    speed) uses the CLI figure.
// 2. Times four hostile inputs through the streaming scanner (createTweetIdScanner, 1 MB chunks)
//    and checks they give no IDs (goal: each above 20 MB/s).
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTweetIdScanner, scanFileWasm } from '../src/finder/finderWasm';
import { findTweetIds, type ScanStats } from '../src/finder/finder';
import { generateExport, hostileInputs } from './finderInputs';
import { CLI, MB, ROOT, best, requireBuilt, runMain, time, timeAsync, verdict } from './support';

const RUNS = Math.max(1, Number(process.env.RUNS || 3));
const SIZE_MB = Number(process.argv[2] || 64);
const GOAL_CLI = 5; // x grep's speed, end to end
const GOAL_HOSTILE = 20; // MB/s
/** The finder's rules take snowflakes up to this moment as valid; the generated IDs are older. */
const NOW = Date.UTC(2024, 5, 1);

// ---- the finder under test: every call into src/finder is in this block ---------------------
// (The finder is being reworked: adapt these three functions, nothing else.)

/** The IDs of a file as the CLI scans it (scanFileWasm), written to /dev/null as the CLI does. */
async function scanFileIds(file: string, parallel: boolean): Promise<{ ids: string[]; stats: ScanStats }> {
  const parts: Buffer[] = [];
  const stats = await scanFileWasm(file, { lines: (text) => parts.push(Buffer.from(text)) }, { now: NOW, parallel });
  if (!stats) throw new Error('scanFileWasm: no WebAssembly SIMD in this Node');
  const text = Buffer.concat(parts);
  const out = fs.openSync('/dev/null', 'w');
  fs.writeSync(out, text);
  fs.closeSync(out);
  return { ids: text.length ? text.toString('latin1').slice(0, -1).split('\n') : [], stats };
}

/** The IDs of a file's text as the editor finds them in a document (with their positions). */
function findInText(file: string): { ids: string[]; matches: number } {
  const r = findTweetIds(fs.readFileSync(file, 'utf8'), { now: NOW });
  return { ids: r.ids, matches: r.matches.length };
}

/** How many IDs the streaming scanner finds in `buf`, fed in 1 MB chunks. */
function countIdsStreamed(buf: Buffer): number {
  let count = 0;
  const scanner = createTweetIdScanner(() => count++, { now: NOW });
  for (let a = 0; a < buf.length; a += MB) scanner.write(buf.subarray(a, Math.min(buf.length, a + MB)));
  scanner.end();
  return count;
}

// ---- the benchmark ---------------------------------------------------------------------------

/** Stops when dist/cli.js is older than a source of the finder (it would time an old finder). */
function checkCliFresh(): void {
  requireBuilt([[CLI, 'run npm run build']]);
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.ts')) sources.push(path.join(dir, e.name));
    }
  };
  walk(path.join(ROOT, 'src', 'finder'));
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (fs.statSync(CLI).mtimeMs < newest) throw new Error('dist/cli.js is older than the finder sources: run npm run build first.');
}

const hasRipgrep = () => spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0;
const sh = (command: string) => execSync(command, { shell: '/bin/sh' }).toString().trim();
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function main(): Promise<number> {
  checkCliFresh();
  const file = path.join(os.tmpdir(), `bench-finder-${process.pid}.ndjson`);
  const empty = path.join(os.tmpdir(), `bench-finder-${process.pid}.empty`);
  try {
    const { bytes, expected } = generateExport(file, SIZE_MB * MB);
    const mb = bytes / MB;
    console.log(`NDJSON export: ${mb.toFixed(1)} MB, ${expected.size} distinct Tweet IDs generated (${file})`);
    fs.writeFileSync(empty, '');
    const rg = hasRipgrep();
    if (!rg) console.log('ripgrep: rg is not on PATH (node scripts/ensure-ripgrep.js installs it): its row is skipped');

    const cliRun = (f: string) => execSync(`${quote(process.execPath)} ${quote(CLI)} ids ${quote(f)} > /dev/null`);
    const cliOut = execFileSync(process.execPath, [CLI, 'ids', file], { maxBuffer: 1 << 30 }).toString('latin1');
    const runs = { rg: [] as number[], grep: [] as number[], cli: [] as number[], start: [] as number[], one: [] as number[], two: [] as number[], text: [] as number[] };
    let rgCount = '';
    let grepCount = '';
    let one: Awaited<ReturnType<typeof scanFileIds>> | undefined;
    let two: typeof one;
    let inText: ReturnType<typeof findInText> | undefined;
    for (let r = 0; r < RUNS; r++) {
      // Interleaved, so background load hits every row alike.
      if (rg) {
        const t = time(() => sh(`rg -o '[0-9]{15,19}' ${quote(file)} | wc -l`));
        runs.rg.push(t.seconds);
        rgCount = t.result;
      }
      const g = time(() => sh(`grep -oE '[0-9]{15,19}' ${quote(file)} | wc -l`));
      runs.grep.push(g.seconds);
      grepCount = g.result;
      runs.cli.push(time(() => cliRun(file)).seconds);
      const w1 = await timeAsync(() => scanFileIds(file, false));
      runs.one.push(w1.seconds);
      one = w1.result;
      const w2 = await timeAsync(() => scanFileIds(file, true));
      runs.two.push(w2.seconds);
      two = w2.result;
      const ft = time(() => findInText(file));
      runs.text.push(ft.seconds);
      inText = ft.result;
      runs.start.push(time(() => cliRun(empty)).seconds);
    }
    if (!one || !two || !inText) throw new Error('no runs');

    const rgBest = rg ? best(runs.rg) : NaN;
    const grepBest = best(runs.grep);
    const cliBest = best(runs.cli);
    const found = new Set(one.ids);
    let missing = 0;
    for (const id of expected) if (!found.has(id)) missing++;
    const extra = one.ids.filter((id) => !expected.has(id)).length;
    const cliSame = cliOut === (one.ids.length ? one.ids.join('\n') + '\n' : '');
    const twoSame = two.ids.join('\n') === one.ids.join('\n') && JSON.stringify(two.stats) === JSON.stringify(one.stats);
    const textSame = inText.ids.join('\n') === one.ids.join('\n');
    const rate = (s: number) => `${(mb / s).toFixed(0).padStart(5)} MB/s (best of ${RUNS}, ${s.toFixed(3)} s)`;

    if (rg) console.log(`rg -o '[0-9]{15,19}' | wc -l      : ${rate(rgBest)}, ${rgCount} digit runs`);
    console.log(`grep -oE '[0-9]{15,19}' | wc -l   : ${rate(grepBest)}, ${grepCount} digit runs`);
    console.log(`node dist/cli.js ids (end to end) : ${rate(cliBest)}, ${cliOut.split('\n').length - 1} IDs printed; start-up floor (empty file) ${best(runs.start).toFixed(3)} s`);
    console.log(`scanFileWasm in process, 1 thread : ${rate(best(runs.one))}, ${one.ids.length} unique IDs, stats ${JSON.stringify(one.stats)}`);
    console.log(`scanFileWasm in process, 2 threads: ${rate(best(runs.two))}, ${(best(runs.one) / best(runs.two)).toFixed(2)}x one thread`);
    console.log(`findTweetIds on the text (editor) : ${rate(best(runs.text))}, ${inText.matches} occurrences with positions (file read included)`);
    console.log(
      `correctness: ${missing} generated IDs missed, ${extra} IDs that were not generated, CLI output ${cliSame ? 'identical to' : 'DIFFERS from'} the in-process scan, two threads ${twoSame ? 'identical' : 'DIFFER'} (IDs and stats), findTweetIds ${textSame ? 'identical' : 'DIFFERS'}`,
    );
    const vsRg = rg ? `CLI/ripgrep time ratio ${(cliBest / rgBest).toFixed(2)} (CLI ${cliBest.toFixed(3)} s, rg ${rgBest.toFixed(3)} s)` : 'CLI/ripgrep n/a (rg missing)';
    console.log(
      `headline: engagement-totals ids on the ${mb.toFixed(0)} MB export: ${vsRg}; CLI/grep time ratio ${(cliBest / grepBest).toFixed(2)} (grep ${grepBest.toFixed(3)} s); best of ${RUNS}, interleaved`,
    );
    const ok = grepBest / cliBest >= GOAL_CLI && missing === 0 && extra === 0 && cliSame && twoSame && textSame;
    console.log(`${verdict(ok)}: CLI ids >= ${GOAL_CLI}x grep (${(grepBest / cliBest).toFixed(2)}x)`);
  } finally {
    fs.rmSync(empty, { force: true });
    if (!process.env.KEEP) fs.rmSync(file, { force: true });
  }

  console.log('Hostile inputs (in memory, 1 MB chunks, createTweetIdScanner):');
  for (const [name, buf] of hostileInputs()) {
    const { result, seconds } = time(() => countIdsStreamed(buf));
    const speed = buf.length / MB / seconds;
    const ok = speed > GOAL_HOSTILE && result === 0;
    console.log(`  ${verdict(ok).padEnd(7)} ${name.padEnd(44)} ${speed.toFixed(0).padStart(5)} MB/s, ${result} IDs (goal > ${GOAL_HOSTILE} MB/s, 0 IDs)`);
  }
  return 0;
}

runMain('bench/finder', main);
