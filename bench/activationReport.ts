// What bench/activation.ts (inside the extension host) reports to bench/footprint.ts (in Node):
// one console line, this tag then the JSON. No `vscode` here, so footprint.ts can import it.

export const BENCH_TAG = '[bench-activation] ';

export interface ActivationReport {
  /** The extension's own measure of the time inside activate(), null when its API has none. */
  activationMs: number | null;
  /** ext.activate() as awaited by the entry. */
  activateCallMs: number;
  wasActive: boolean;
  /** Wall clock when the extension was seen active (same machine as the runner's clock). */
  activeAtEpochMs: number;
  /** How long the extension host process had been running by then. */
  hostUptimeMs: number;
}
