// The "X Engagement" log (a LogOutputChannel) with every known secret and every
// Authorization value redacted before it is written, each message one line without
// controls (a message with a newline could forge the next entry).
import * as vscode from 'vscode';
import { Redactor } from '../core/redact';
import { Logger } from '../core/types';
import { forLogLine } from '../shared/untrusted';

export function createLog(redactor: Redactor): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('X Engagement', { log: true });
  const line = (m: string) => forLogLine(redactor.redact(m));
  const logger: Logger = {
    trace: (m) => channel.trace(line(m)),
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m) => channel.error(line(m)),
  };
  return { channel, logger };
}
