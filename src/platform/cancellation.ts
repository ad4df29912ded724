// Cancellation across the boundary: pure code (the engine, the finder) takes an AbortSignal, the
// editor hands out CancellationTokens.
import type * as vscode from 'vscode';

/** GitLens' toAbortSignal: pure code takes a signal, the editor gives a token. */
export function toAbortSignal(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
