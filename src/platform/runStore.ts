// The results cache shared by tree, panel and hovers (see core/runCache.ts): runs live as
// files under the extension's global storage, not in globalState, which VS Code copies to
// every window on each write and warns about when large. globalState keeps small things
// only (profile names); the runs an older version kept there are moved to files once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunCache } from '../core/runCache';
import { memoryRunFiles, RunFiles, nodeRunFiles } from '../core/runFiles';
import { Logger } from '../core/types';

/** Where versions up to 0.1 kept every run (moved to files on the first start). */
export const LEGACY_RUNS_KEY = 'xEngagement.runs.v1';

export interface RunStoreOptions {
  /** The runs' directory; in memory when omitted (tests). */
  files?: RunFiles;
  logger?: Logger;
  maxRuns?: number;
  maxTweets?: number;
  /** Follow other windows' changes (the extension's store does). */
  watch?: boolean;
  /**
   * Move the runs of the old globalState key into `files` (default: yes). Not when the runs can
   * only be kept in memory: the key would be cleared and its runs lost with the window.
   */
  migrate?: boolean;
}

export class RunStore extends RunCache implements vscode.Disposable {
  constructor(memento: vscode.Memento, options: RunStoreOptions = {}) {
    super({
      ...options,
      files: options.files ?? memoryRunFiles(),
      legacy:
        options.migrate === false ? undefined : { read: () => memento.get<unknown>(LEGACY_RUNS_KEY), clear: async () => void (await memento.update(LEGACY_RUNS_KEY, undefined)) },
    });
  }
}

/** The extension's store: `<globalStorageUri>/runs/`, shared by every window. */
export function createRunStore(context: vscode.ExtensionContext, logger: Logger): RunStore {
  // A Node extension host (local or remote) gets a file: URI on its own machine; anything
  // else (it has been vscode-userdata: in some builds) keeps runs for the session only.
  const uri = context.globalStorageUri;
  if (uri.scheme !== 'file') logger.warn(`Results cache: global storage is not on disk (${uri.scheme}); results are kept until the window closes.`);
  const files = uri.scheme === 'file' ? nodeRunFiles(path.join(uri.fsPath, 'runs')) : undefined;
  return new RunStore(context.globalState, { files, logger, watch: true, migrate: files !== undefined });
}

let counter = 0;
/** A unique, sortable run ID. */
export function newRunId(now = new Date()): string {
  counter = (counter + 1) % 1000;
  return `${now.toISOString()}#${String(counter).padStart(3, '0')}`;
}
