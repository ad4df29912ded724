// The "X Engagement" log (a LogOutputChannel) with every known secret and every
// Authorization value redacted before it is written.
import * as vscode from 'vscode';
import { Logger } from '../core/types';

/** Replaces known secrets and credential-looking fragments with ***. */
export class Redactor {
  private secrets = new Set<string>();

  /** Secrets shorter than 4 characters are not worth matching (and would mangle text). */
  add(...values: Array<string | undefined>): void {
    for (const v of values) if (v && v.length >= 4) this.secrets.add(v);
  }

  redact(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out
      .replace(/(Bearer\s+)[^\s"',;]+/gi, '$1***')
      .replace(/\b(oauth_(?:signature|token|consumer_key|nonce))(="?|%3D)[^"&,\s]+/gi, '$1$2***')
      .replace(/(Authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1***');
  }
}

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
