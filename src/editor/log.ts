// The "X Engagement" log (a LogOutputChannel) with every known secret and every
// Authorization value redacted before it is written.
import * as vscode from 'vscode';
import { Redactor } from '../core/redact';
import { Logger } from '../core/types';

export function createLog(redactor: Redactor): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('X Engagement', { log: true });
  const logger: Logger = {
    trace: (m) => channel.trace(redactor.redact(m)),
    info: (m) => channel.info(redactor.redact(m)),
    warn: (m) => channel.warn(redactor.redact(m)),
    error: (m) => channel.error(redactor.redact(m)),
  };
  return { channel, logger };
}
