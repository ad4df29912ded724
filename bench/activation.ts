// Activation figures, read inside a real extension host (bench/footprint.ts loads this
// as the payload's extensionTestsPath; it is not under test/integration, so the suite never
// runs it). The extension activates on onStartupFinished and may already be active when
// run() starts, so the figure that counts is the extension's own: activationMs, the time spent
// inside activate(), from the API it returns. Reports one tagged JSON line on the console.
import * as vscode from 'vscode';
import { BENCH_TAG, type ActivationReport } from './activationReport';

const EXTENSION_ID = 'x-engagement-tools.x-engagement-totals';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const api: unknown = await ext.activate();
  const t1 = performance.now();
  const activationMs = (api as { activationMs?: unknown } | undefined)?.activationMs;
  const report: ActivationReport = {
    activationMs: typeof activationMs === 'number' ? activationMs : null,
    activateCallMs: t1 - t0,
    wasActive,
    // The runner subtracts the moment it opened the page (same machine, same clock).
    activeAtEpochMs: Date.now(),
    hostUptimeMs: performance.now(),
  };
  console.log(BENCH_TAG + JSON.stringify(report));
}
