// Whether the extension has been used in this profile of the editor: a command of ours was
// run, a run is in the results cache or a profile is saved. Until then the status bar item
// stays hidden (an installed but unused extension keeps the status bar quiet). Remembered in
// globalState, so it stays shown after a reload.
import * as vscode from 'vscode';

export const USED_KEY = 'xEngagement.used';

export class Usage implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get used(): boolean {
    return this.memento.get<boolean>(USED_KEY) === true;
  }

  markUsed(): void {
    if (this.used) return;
    void this.memento.update(USED_KEY, true);
    this.changed.fire();
  }

  /** Runs in the results cache (now or once loaded) count as use. */
  watchRuns(store: { runs(): readonly unknown[]; onDidChange(listener: () => void): vscode.Disposable }): vscode.Disposable {
    const check = () => {
      if (store.runs().length > 0) this.markUsed();
    };
    check();
    return store.onDidChange(check);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let current: Usage | undefined;

/** The Usage every command registered through `registerCommand` marks (set once by activate). */
export function trackUsage(usage: Usage): vscode.Disposable {
  current = usage;
  return new vscode.Disposable(() => {
    if (current === usage) current = undefined;
  });
}

/** vscode.commands.registerCommand for our commands: running one marks the extension as used. */
export function registerCommand(id: string, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => {
    current?.markUsed();
    return (handler as (...a: unknown[]) => unknown)(...args);
  });
}
