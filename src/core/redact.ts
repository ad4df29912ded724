// Redaction of secrets in text that did not come from us (an API's error text may echo the
// request's Authorization header or bare tokens): known secret values — bare, URL-encoded and
// OAuth-encoded — and the values of Bearer, OAuth parameters and Authorization headers, in
// plain and URL-encoded forms, become ***. Controls are stripped first, so an escape sequence
// inside an echoed token cannot hide it from the match and then vanish on a terminal.
import { stripControls } from '../shared/untrusted';
import { Credentials, Logger } from './types';

const HEADER_PATTERNS: Array<[RegExp, string]> = [
  // The value after "Bearer", but not the words of our own messages ("Bearer token: works", "Bearer and OAuth").
  [/(Bearer(?:\s+|%20|\+))(?!(?:tokens?|credentials?|auth(?:entication)?|and|or|only|for|kind|profile)\b)[^\s"',;&]+/gi, '$1***'],
  [/(oauth_[a-z_]+)(\s*=\s*"?|%3D(?:%22)?)[^"&,\s]+/gi, '$1$2***'],
  [/(Authorization["']?\s*[:=]\s*["']?)[^"'\n;]+/gi, '$1***'],
  [/(Authorization(?:%22)?(?:%3A|%3D)(?:%20|\+|%22)*)[^&\s"']+/gi, '$1***'],
];

/** RFC 3986 percent-encoding, as OAuth 1.0a puts values in its header. */
function oauthEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redactor {
  private secrets = new Set<string>();
  private pattern: RegExp | undefined;

  /** A redactor that knows these credentials' secrets. */
  static for(credentials: Credentials | undefined): Redactor {
    const r = new Redactor();
    r.addCredentials(credentials);
    return r;
  }

  /** Secrets shorter than 4 characters are not worth matching (and would mangle text). */
  add(...values: Array<string | undefined>): void {
    for (const v of values) {
      if (v && v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        this.pattern = undefined;
      }
    }
  }

  /** Every secret value of a profile's credentials. */
  addCredentials(c: Credentials | undefined): void {
    this.add(c?.bearerToken, c?.oauth?.consumerKey, c?.oauth?.consumerSecret, c?.oauth?.accessToken, c?.oauth?.accessTokenSecret);
  }

  redact(text: string): string {
    let out = stripControls(text);
    const pattern = this.secretPattern();
    if (pattern) out = out.replace(pattern, '***');
    for (const [re, to] of HEADER_PATTERNS) out = out.replace(re, to);
    return out;
  }

  /** The result with the server-derived text (failure reasons, the API's messages) redacted. */
  redactResult<T extends { failed: Array<{ reason: string }>; errors: string[] }>(result: T): T {
    return {
      ...result,
      failed: result.failed.map((f) => ({ ...f, reason: this.redact(f.reason) })),
      errors: [...new Set(result.errors.map((e) => this.redact(e)))],
    };
  }

  /** One alternation of every form of every secret, longest first; encoded forms match in any case. */
  private secretPattern(): RegExp | undefined {
    if (this.secrets.size === 0) return undefined;
    if (!this.pattern) {
      const forms = new Set<string>();
      for (const s of this.secrets) {
        forms.add(escapeRegExp(s));
        for (const encoded of [encodeURIComponent(s), oauthEncode(s)]) {
          if (encoded !== s) forms.add(escapeRegExp(encoded).replace(/%([0-9A-F]{2})/g, (_m, hex: string) => `%(?:${hex}|${hex.toLowerCase()})`));
        }
      }
      this.pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).join('|'), 'g');
    }
    return this.pattern;
  }
}

/** A logger that redacts every line before it reaches `logger`. */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  return {
    trace: (m) => logger.trace(redactor.redact(m)),
    info: (m) => logger.info(redactor.redact(m)),
    warn: (m) => logger.warn(redactor.redact(m)),
    error: (m) => logger.error(redactor.redact(m)),
  };
}
