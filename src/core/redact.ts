// Redaction of secrets in text bound for logs: known secret values, Bearer values,
// OAuth parameters and Authorization header values become ***.

export class Redactor {
  private secrets = new Set<string>();

  /** Secrets shorter than 4 characters are not worth matching (and would mangle text). */
  add(...values: Array<string | undefined>): void {
    for (const v of values) if (v && v.length >= 4) this.secrets.add(v);
  }

  redact(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(s).join('***');
      const encoded = encodeURIComponent(s);
      if (encoded !== s) out = out.split(encoded).join('***');
    }
    return out
      .replace(/(Bearer\s+)[^\s"',;]+/gi, '$1***')
      .replace(/\b(oauth_(?:signature|token|consumer_key|nonce))(="?|%3D)[^"&,\s]+/gi, '$1$2***')
      .replace(/(Authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1***');
  }
}
