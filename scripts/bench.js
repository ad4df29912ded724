#!/usr/bin/env node
// Runs every benchmark in sequence, each as a child process with its output streamed, then
// prints a summary: every line that states a goal (MET / NOT MET, met / NOT met, OK: / FAIL:)
// and the key figures (p99, MB/s, ratio, speed-up, ms columns) and warnings of each, under the
// command that printed them. The summary also goes to bench-results/latest.txt (git-ignored).
//   npm run bench     (builds dist/ and out/ first)
// Exit code: 0 even when a goal is NOT MET (benchmarks report, they don't fail); 1 when a
// bench script crashed: killed, timed out, or a non-zero exit that is not a reported unmet
// goal (bench-hover and bench-panel exit 1 when their goal is not met; that is a report).
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench-results');
const MIN = 60_000;
const BENCHES = [
  { script: 'scripts/bench-finder.js', timeoutMs: 10 * MIN },
  { script: 'scripts/bench-fetch.js', timeoutMs: 10 * MIN },
  { script: 'scripts/bench-hover.js', timeoutMs: 5 * MIN },
  { script: 'scripts/bench-panel.js', timeoutMs: 5 * MIN },
  { script: 'scripts/bench-footprint.js', timeoutMs: 10 * MIN },
];
const VERDICT = /\b(NOT )?MET\b|^(OK|FAIL):/i;
const FIGURE = /p99|MB\/s|ratio|speed-up|\(ms\)|baseline|hover lookup|secondary|\bWARNING\b/i;

/** Runs one script, streaming its output; bounded by timeoutMs (SIGTERM, then SIGKILL). */
function runBench({ script, timeoutMs }) {
  return new Promise((resolve) => {
    const started = Date.now();
    let stdout = '';
    let stderr = '';
    // Own process group, so a timeout reaches whatever the script started (bench-footprint
    // also stops its code-server, which has a group of its own, on SIGTERM).
    const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    let timedOut = false;
    const kill = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    let hard;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stderr.write(`[bench] ${script} did not finish within ${timeoutMs / MIN} min: stopping it\n`);
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 20_000);
    }, timeoutMs);
    const done = (code, signal, error) => {
      clearTimeout(timer);
      clearTimeout(hard);
      resolve({ script, code, signal, error, timedOut, seconds: (Date.now() - started) / 1000, stdout, stderr });
    };
    child.on('error', (e) => done(null, null, e.message));
    child.on('close', (code, signal) => done(code, signal));
  });
}

/** The lines of a bench's output worth keeping in the summary, and whether it crashed. */
function digest(r) {
  const lines = r.stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const verdicts = lines.filter((l) => VERDICT.test(l));
  const figures = lines.filter((l) => FIGURE.test(l) && !VERDICT.test(l));
  const unmet = verdicts.some((l) => /\bNOT MET\b|^FAIL:/i.test(l));
  const errorText = r.stderr.trim();
  // A non-zero exit is a report only when the script said a goal was not met and wrote no error.
  const crashed = r.error !== undefined || r.timedOut || r.signal !== null || (r.code !== 0 && !(unmet && errorText === ''));
  return {
    verdicts,
    figures,
    crashed,
    errorTail: errorText
      .split('\n')
      .filter((l) => l.trim())
      .slice(-3),
  };
}

function gitHead() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

async function main() {
  const started = new Date();
  const setup = [];
  try {
    // bench-panel needs /usr/bin/chromium, bench-footprint code-server too.
    await require('./ensure-vscode').ensureVSCode();
  } catch (e) {
    setup.push(`ensure-vscode failed: ${e.message.split('\n')[0]} (bench-panel and bench-footprint need it)`);
    console.error(`[bench] ${setup[0]}`);
  }
  const results = [];
  for (const bench of BENCHES) {
    console.log(`\n[bench] ===== node ${bench.script} =====`);
    if (!fs.existsSync(path.join(ROOT, bench.script))) {
      results.push({ script: bench.script, missing: true });
      console.error(`[bench] ${bench.script} is missing`);
      continue;
    }
    const r = await runBench(bench);
    results.push({ ...r, ...digest(r) });
  }

  const out = [];
  out.push(`Benchmark summary: ${started.toISOString()}, commit ${gitHead()}, node ${process.version}, ${require('node:os').cpus().length} cores`);
  for (const s of setup) out.push(`  setup: ${s}`);
  let met = 0;
  let notMet = 0;
  for (const r of results) {
    out.push('');
    if (r.missing) {
      out.push(`$ node ${r.script}: MISSING (not run)`);
      continue;
    }
    const how = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : r.error ? `could not start: ${r.error}` : `exit ${r.code}`;
    out.push(`$ node ${r.script}   (${how}, ${r.seconds.toFixed(1)} s${r.crashed ? ', CRASHED' : ''})`);
    for (const l of r.verdicts) {
      out.push(`  ${l}`);
      met += (l.match(/(?<!NOT )\bMET\b|^OK:/gi) || []).length;
      notMet += (l.match(/\bNOT MET\b|^FAIL:/gi) || []).length;
    }
    for (const l of r.figures) out.push(`  ${l}`);
    if (!r.verdicts.length && !r.figures.length) out.push('  (no goal or key-figure lines in its output)');
    if (r.crashed) for (const l of r.errorTail) out.push(`  stderr: ${l}`);
  }
  const crashed = results.filter((r) => r.missing || r.crashed).map((r) => r.script);
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
  (e) => {
    console.error(`[bench] ${e.stack || e.message}`);
    process.exitCode = 1;
  },
);
