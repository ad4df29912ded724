// Entry point of the integration suite inside a real VS Code extension host. Both runners
// load it: scripts/run-integration.js (code-server + Chromium, through the payload's
// extensionTestsPath) and scripts/test-desktop.js (@vscode/test-electron). VS Code calls
// run(); a rejection means a failed run (non-zero exit code).
//
// Runs every out/test/integration/**/*.test.js with mocha's spec reporter. The extension
// host forwards console.* to the runner (codeAutomationLog in the browser setup, where the
// workbench's own log arrives the same way), so the reporter's lines are prefixed with
// SUITE_TAG for the runner to tell them apart. The extension host does not let us replace
// console methods (they are non-writable there), so the tag goes in at mocha's reporter
// output (Base.consoleLog) and its direct process.stdout writes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Must match scripts/run-integration.js. */
export const SUITE_TAG = '[suite] ';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  const restore = tagReporterOutput();
  // INTEGRATION_GREP=text (in the runner's environment) runs only the tests whose titles match.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.INTEGRATION_GREP || undefined });
  const files = findTests(__dirname);
  if (files.length === 0) {
    restore();
    return Promise.reject(new Error(`No *.test.js files under ${__dirname}`));
  }
  for (const file of files) mocha.addFile(file);
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        restore();
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      restore();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function emit(text: string): void {
  for (const line of text.split('\n')) console.log(SUITE_TAG + line);
}

function tagReporterOutput(): () => void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => emit(format(...args));

  const originalWrite = process.stdout.write;
  let pending = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cut = pending.lastIndexOf('\n');
    if (cut >= 0) {
      emit(pending.slice(0, cut));
      pending = pending.slice(cut + 1);
    }
    rest.find((r): r is () => void => typeof r === 'function')?.();
    return true;
  }) as typeof process.stdout.write;

  return () => {
    if (pending) emit(pending);
    pending = '';
    base.consoleLog = originalLog;
    process.stdout.write = originalWrite;
  };
}
