// `npm run bench`: runs every benchmark in sequence, each as a child process with its output
// streamed, then prints a summary: the headline (the finder's CLI/ripgrep and CLI/grep time
// ratios), then every line that states a goal (MET / NOT MET, met / NOT met, OK: / FAIL:) and
// the key figures (p99, MB/s, ratio, speed-up, ms columns) and warnings of each, under the
// command that printed them. The summary also goes to bench-results/latest.txt (git-ignored).
//   npm run bench     (builds dist/ and out/ first; installs rg and the browser when missing)
// Exit code: 0 even when a goal is NOT MET (benchmarks report, they don't fail); 1 when a
// benchmark crashed: killed, timed out, or a non-zero exit that is not a reported unmet goal
// (hover and panel exit 1 when their goal is not met; that is a report).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './support';

const RESULTS = path.join(ROOT, 'bench-results');
const MIN = 60_000;
/** The benchmarks, compiled next to this file (out/bench/). */
const BENCHES = [
  { name: 'finder', timeoutMs: 10 * MIN },
  { name: 'fetch', timeoutMs: 10 * MIN },
  { name: 'hover', timeoutMs: 5 * MIN },
  { name: 'seriesMerge', timeoutMs: 5 * MIN },
  { name: 'panel', timeoutMs: 5 * MIN },
  { name: 'footprint', timeoutMs: 10 * MIN },
];
/** Runner scripts run first: the browser and code-server (panel, footprint), ripgrep (finder). */
const SETUP = [
  { script: 'scripts/ensure-vscode.js', needed: 'panel and footprint need it' },
  { script: 'scripts/ensure-ripgrep.js', needed: 'the finder skips its ripgrep row without rg' },
];
const HEADLINE = /^headline: /;
const VERDICT = /\b(NOT )?MET\b|^(OK|FAIL):/i;
const FIGURE = /p99|MB\/s|ratio|speed-up|\(ms\)|baseline|hover lookup|secondary|\bWARNING\b/i;

interface Result {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
  timedOut: boolean;
  seconds: number;
  stdout: string;
  stderr: string;
}

/** Runs one benchmark, streaming its output; bounded by timeoutMs (SIGTERM, then SIGKILL). */
function runBench(file: string, timeoutMs: number): Promise<Result> {
  const command = `node ${path.relative(ROOT, file)}`;
  return new Promise((resolve) => {
    const started = Date.now();
    let stdout = '';
    let stderr = '';
    // Own process group, so a timeout reaches whatever the benchmark started (footprint also
    // stops its code-server, which has a group of its own, on SIGTERM).
    const child = spawn(process.execPath, [file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        // already gone
      }
    };
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stderr.write(`[bench] ${command} did not finish within ${timeoutMs / MIN} min: stopping it\n`);
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 20_000);
    }, timeoutMs);
    const done = (code: number | null, signal: NodeJS.Signals | null, error?: string) => {
      clearTimeout(timer);
      clearTimeout(hard);
      resolve({ command, code, signal, error, timedOut, seconds: (Date.now() - started) / 1000, stdout, stderr });
    };
    child.on('error', (e) => done(null, null, e.message));
    child.on('close', (code, signal) => done(code, signal));
  });
}

/** The lines of a benchmark's output worth keeping in the summary, and whether it crashed. */
function digest(r: Result) {
  const lines = r.stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const headlines = lines.filter((l) => HEADLINE.test(l));
  const verdicts = lines.filter((l) => VERDICT.test(l));
  const figures = lines.filter((l) => FIGURE.test(l) && !VERDICT.test(l) && !HEADLINE.test(l));
  const unmet = verdicts.some((l) => /\bNOT MET\b|^FAIL:/i.test(l));
  const errorText = r.stderr.trim();
  // A non-zero exit is a report only when the benchmark said a goal was not met and wrote no error.
  const crashed = r.error !== undefined || r.timedOut || r.signal !== null || (r.code !== 0 && !(unmet && errorText === ''));
  return {
    headlines,
    verdicts,
    figures,
    crashed,
    errorTail: errorText
      .split('\n')
      .filter((l) => l.trim())
      .slice(-3),
  };
}

function gitHead(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

async function main(): Promise<number> {
  const started = new Date();
  const setup: string[] = [];
  for (const { script, needed } of SETUP) {
    const r = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      setup.push(`${script} failed (${needed})`);
      console.error(`[bench] ${setup[setup.length - 1]}`);
    }
  }
  const results: Array<({ missing: true } | (Result & ReturnType<typeof digest> & { missing?: false })) & { command: string }> = [];
  for (const bench of BENCHES) {
    const file = path.join(__dirname, `${bench.name}.js`);
    const command = `node ${path.relative(ROOT, file)}`;
    console.log(`\n[bench] ===== ${command} =====`);
    if (!fs.existsSync(file)) {
      results.push({ command, missing: true });
      console.error(`[bench] ${file} is missing: run npm run compile-tests`);
      continue;
    }
    const r = await runBench(file, bench.timeoutMs);
    results.push({ ...r, ...digest(r) });
  }

  const out: string[] = [];
  out.push(`Benchmark summary: ${started.toISOString()}, commit ${gitHead()}, node ${process.version}, ${os.cpus().length} cores`);
  for (const s of setup) out.push(`  setup: ${s}`);
  for (const r of results) if (!r.missing) for (const l of r.headlines) out.push(`  ${l}`);
  let met = 0;
  let notMet = 0;
  for (const r of results) {
    out.push('');
    if (r.missing) {
      out.push(`$ ${r.command}: MISSING (not run)`);
      continue;
    }
    const how = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : r.error ? `could not start: ${r.error}` : `exit ${r.code}`;
    out.push(`$ ${r.command}   (${how}, ${r.seconds.toFixed(1)} s${r.crashed ? ', CRASHED' : ''})`);
    for (const l of r.verdicts) {
      out.push(`  ${l}`);
      met += (l.match(/(?<!NOT )\bMET\b|^OK:/gi) || []).length;
      notMet += (l.match(/\bNOT MET\b|^FAIL:/gi) || []).length;
    }
    for (const l of r.figures) out.push(`  ${l}`);
    if (!r.verdicts.length && !r.figures.length) out.push('  (no goal or key-figure lines in its output)');
    if (r.crashed) for (const l of r.errorTail) out.push(`  stderr: ${l}`);
  }
  const crashed = results.filter((r) => r.missing || r.crashed).map((r) => r.command);
  out.push('');
  out.push(
    `Goals: ${met} met, ${notMet} not met (counted per verdict; benchmarks report, they don't fail). Crashed: ${crashed.length ? crashed.join(', ') : 'none'}. Total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s.`,
  );

  const text = out.join('\n') + '\n';
  console.log('\n[bench] ===== summary =====');
  process.stdout.write(text);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.txt'), text);
  console.log(`[bench] written to ${path.relative(ROOT, path.join(RESULTS, 'latest.txt'))}`);
  return crashed.length || setup.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
