// Registers something (a provider, listeners) only while a setting asks for it, and
// re-registers or disposes it when the setting flips (REST Client's pattern).
import * as vscode from 'vscode';

export class ConfigurationDependentRegistration implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly subscription: vscode.Disposable;

  /**
   * @param isEnabled read on start and on every `onDidChange`
   * @param register called each time the setting turns on; its result is disposed when it turns off
   */
  constructor(
    private readonly isEnabled: () => boolean,
    private readonly register: () => vscode.Disposable,
    onDidChange: vscode.Event<unknown>,
  ) {
    this.subscription = onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const enabled = this.isEnabled();
    if (enabled && !this.registration) this.registration = this.register();
    else if (!enabled && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.registration?.dispose();
    this.registration = undefined;
  }
}
