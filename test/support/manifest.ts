// package.json as VS Code reads it: every "%key%" string replaced by its text from
// package.nls.json, or from package.nls.<locale>.json when a locale is given (falling back to
// English for a key it lacks, as VS Code does). Tests that check what the user reads use this.
import * as fs from 'node:fs';
import * as path from 'node:path';

const NLS_KEY = /^%([\w.-]+)%$/;

export function readNls(root: string, locale?: string): Record<string, string> {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
  return { ...read('package.nls.json'), ...(locale ? read(`package.nls.${locale}.json`) : {}) };
}

/** Replaces each "%key%" string, anywhere in `value`; a key with no text is left as it is. */
export function resolveNls<T>(value: T, nls: Record<string, string>): T {
  if (typeof value === 'string') {
    const m = NLS_KEY.exec(value);
    return (m && nls[m[1]] !== undefined ? nls[m[1]] : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveNls(v, nls)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveNls(v, nls)])) as T;
  return value;
}

export function readManifest(root: string, locale?: string): any {
  return resolveNls(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), readNls(root, locale));
}
