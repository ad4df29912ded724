// Footprint benchmark: what installing and starting the extension costs.
//   1. dist/extension.js from a production build (`node esbuild.js --production`, run here;
//      dist/ is left as built by production until the next `npm run build`). Goal <= 300 KB.
//   2. The .vsix (`vsce package --no-dependencies` into a temp dir): size, goal <= 1 MB, and
//      the files in it.
//   3. Activation in a real VS Code (code-server + headless Chromium, scripts/code-server.js):
//      bench/activation.ts (compiled to out/bench/activation.js) runs as the tests entry and
//      reports the extension's own activationMs (time inside activate()), plus the wall time
//      from opening the page to the extension being active. 3 runs, a fresh code-server each;
//      the median counts. Goal <= 50 ms.
// No baseline extension can be activated in the same host for a ratio, so the ratios
// printed are to the goals. Sizes in KB/MB of 1024 bytes (as vsce prints them).
// Prints figures and a MET / NOT MET line per goal; exits 0 either way (1 only if a
// measurement itself fails). Needs `npm run compile-tests` and node scripts/ensure-vscode.js.
//   node out/bench/footprint.js
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { BENCH_TAG, type ActivationReport } from './activationReport';
import { ROOT, loadScript, median, requireBuilt, runMain, verdict, withTimeout } from './support';

const BUNDLE = path.join(ROOT, 'dist', 'extension.js');
const ENTRY = path.join(__dirname, 'activation.js');
const KB = 1024;
const GOAL_BUNDLE_KB = 300;
const GOAL_VSIX_KB = 1024;
const GOAL_ACTIVATION_MS = 50;
const RUNS = 3;
const RUN_TIMEOUT_MS = 120_000;

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** What this benchmark uses of the runner scripts (scripts/code-server.js, ensure-vscode.js, fixtures.js). */
interface CodeServer {
  port: number;
  stop(): Promise<void>;
}
interface CodeServerScript {
  startCodeServer(opts: { workspace: string; quiet?: boolean }): Promise<CodeServer>;
  launchBrowser(): Promise<Browser>;
  workbenchUrl(server: CodeServer, opts: { payload: Array<[string, string]> }): string;
  remotePath(server: CodeServer, file: string): string;
}
const codeServer = () => loadScript<CodeServerScript>('code-server.js');
const ensureVscode = () => loadScript<{ codeServerBin: string; chromium: string }>('ensure-vscode.js');
const fixtures = () => loadScript<{ ensureFixtureWorkspace(): string }>('fixtures.js');

function run(cmd: string, args: string[], timeoutMs: number): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: process.env });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/** Entry names of a zip, from its central directory (a .vsix is a zip). */
function zipEntries(file: string): Array<{ name: string; size: number }> {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function bundleSize(lines: string[]): Promise<void> {
  console.log('[footprint] production build: node esbuild.js --production');
  run(process.execPath, ['esbuild.js', '--production'], 120_000);
  const bytes = fs.statSync(BUNDLE).size;
  const cli = fs.statSync(path.join(ROOT, 'dist', 'cli.js')).size;
  console.log(`[footprint] dist/cli.js (production, not shipped in the .vsix): ${kb(cli)}`);
  const sandbox = fs.statSync(path.join(ROOT, 'dist', 'sandbox.js')).size;
  lines.push(
    `footprint: dist/extension.js (production) ${kb(bytes)} (${bytes} bytes); goal <= ${GOAL_BUNDLE_KB} KB; ratio to goal ${(bytes / (GOAL_BUNDLE_KB * KB)).toFixed(2)} ${verdict(bytes <= GOAL_BUNDLE_KB * KB)}`,
  );
  // Shipped too, but read only when a profile starts the in-editor sandbox (so not in the goal above; the .vsix goal counts it).
  lines.push(`footprint: dist/sandbox.js (production, loaded when the sandbox starts; secondary, no goal) ${kb(sandbox)} (${sandbox} bytes)`);
}

async function vsixSize(lines: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footprint-'));
  try {
    const vsix = path.join(dir, 'x.vsix');
    console.log('[footprint] npx vsce package --no-dependencies --no-rewrite-relative-links --out <tmp>/x.vsix');
    // The same flags as `npm run package`.
    const out = run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], 180_000);
    for (const l of out.split('\n').filter((l) => /WARNING|warn/i.test(l))) console.log(`[footprint] vsce: ${l.trim()}`);
    const bytes = fs.statSync(vsix).size;
    const files = zipEntries(vsix).filter((e) => !e.name.endsWith('/'));
    const shipped = files.filter((e) => e.name.startsWith('extension/'));
    console.log(`[footprint] files in the .vsix (${files.length}):`);
    for (const e of files) console.log(`[footprint]   ${e.name.padEnd(36)} ${kb(e.size).padStart(10)}`);
    lines.push(
      `footprint: .vsix ${kb(bytes)} (${bytes} bytes), ${files.length} files (${shipped.length} of the extension + ${files.length - shipped.length} of the package format); goal <= 1 MB; ratio to goal ${(bytes / (GOAL_VSIX_KB * KB)).toFixed(3)} ${verdict(bytes <= GOAL_VSIX_KB * KB)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// What is running now, so a SIGTERM/SIGINT (bench/run.ts on a timeout, Ctrl+C) stops it:
// code-server runs in its own process group and would outlive this process otherwise.
const running: { server?: CodeServer; browser?: Browser } = {};
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.once(sig, async () => {
    console.error(`[footprint] ${sig}: stopping code-server and the browser`);
    if (running.browser) await running.browser.close().catch(() => {});
    if (running.server) await running.server.stop().catch(() => {});
    process.exit(1);
  });
}

/** One fresh code-server + browser; the bench entry's report plus the page-to-active wall time. */
async function activationOnce(i: number): Promise<ActivationReport & { pageToActiveMs: number }> {
  const { startCodeServer, launchBrowser, workbenchUrl, remotePath } = codeServer();
  const workspace = fixtures().ensureFixtureWorkspace();
  try {
    const server = (running.server = await startCodeServer({ workspace, quiet: true }));
    const browser = (running.browser = await launchBrowser());
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    let report: ActivationReport | undefined;
    const workbenchLog: string[] = [];
    let onExit: (code: number) => void = () => {};
    const exit = new Promise<number>((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => onExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(BENCH_TAG)) report = JSON.parse(text.slice(BENCH_TAG.length)) as ActivationReport;
      else workbenchLog.push(`[${type}] ${text.split('\n')[0]}`);
    });
    const url = workbenchUrl(server, {
      payload: [
        ['extensionDevelopmentPath', remotePath(server, ROOT)],
        ['extensionTestsPath', remotePath(server, ENTRY)],
        ['skipWelcome', 'true'],
      ],
    });
    const opened = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await withTimeout(exit, RUN_TIMEOUT_MS, `activation run ${i}`);
    if (code !== 0 || !report) {
      throw new Error(`run ${i}: the bench entry ended with ${code}${report ? '' : ' and no report'}; workbench log tail:\n  ${workbenchLog.slice(-15).join('\n  ')}`);
    }
    return { ...report, pageToActiveMs: report.activeAtEpochMs - opened };
  } finally {
    if (running.browser) await running.browser.close().catch(() => {});
    if (running.server) await running.server.stop();
    running.server = running.browser = undefined;
  }
}

async function activation(lines: string[]): Promise<void> {
  const { codeServerBin, chromium } = ensureVscode();
  requireBuilt([
    [ENTRY, 'run npm run compile-tests'],
    [codeServerBin, 'run node scripts/ensure-vscode.js'],
    [chromium, 'run node scripts/ensure-vscode.js'],
  ]);
  const runs = [];
  for (let i = 1; i <= RUNS; i++) {
    const r = await activationOnce(i);
    runs.push(r);
    console.log(
      `[footprint] activation run ${i}: activationMs ${r.activationMs === null ? 'n/a' : r.activationMs.toFixed(1) + ' ms'}; ` +
        `page opened → extension active ${r.pageToActiveMs} ms (already active when the entry ran: ${r.wasActive ? 'yes' : 'no'}; activate() call ${r.activateCallMs.toFixed(1)} ms; extension host up ${(r.hostUptimeMs / 1000).toFixed(1)} s)`,
    );
  }
  const wall = median(runs.map((r) => r.pageToActiveMs));
  const own = runs.map((r) => r.activationMs).filter((ms): ms is number => ms !== null);
  if (own.length < runs.length) {
    lines.push(`footprint: activation n/a (extension API has no activationMs); page opened → extension active median ${wall} ms (secondary) NOT MET`);
    return;
  }
  const ms = median(own);
  lines.push(
    `footprint: activation (time inside activate(), the extension's own activationMs) median of ${RUNS} ${ms.toFixed(1)} ms (runs ${own.map((x) => x.toFixed(1)).join(' / ')}); goal <= ${GOAL_ACTIVATION_MS} ms; ratio to goal ${(ms / GOAL_ACTIVATION_MS).toFixed(2)} ${verdict(ms <= GOAL_ACTIVATION_MS)}`,
  );
  lines.push(`footprint: page opened → extension active (wall, secondary, no goal) median ${wall} ms (runs ${runs.map((r) => r.pageToActiveMs).join(' / ')})`);
  const call = median(runs.map((r) => r.activateCallMs));
  lines.push(`footprint: activate() as awaited by the entry (secondary, no goal; includes loading the bundle when not yet active) median ${call.toFixed(1)} ms`);
}

async function main(): Promise<number> {
  const lines: string[] = [];
  let failed = false;
  for (const [name, step] of [
    ['bundle', bundleSize],
    ['vsix', vsixSize],
    ['activation', activation],
  ] as const) {
    try {
      await step(lines);
    } catch (e) {
      failed = true;
      console.error(`[footprint] ${name}: ${(e as Error).message}`);
      lines.push(`footprint: ${name} could not be measured NOT MET`);
    }
  }
  console.log('');
  console.log('Footprint (ratios are to the goals: no baseline extension runs in the same host)');
  for (const l of lines) console.log(l);
  return failed ? 1 : 0;
}

runMain('bench/footprint', main);
