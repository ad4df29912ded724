// A deliberately naive Tweet ID finder, the oracle the property tests hold src/core/finder.ts to.
// It states the rules on whole strings, with regular expressions, JSON.parse and BigInt; it is slow
// and only judges the inputs the generators in finderArbitraries.ts make:
// - plain text with no `{` or `[` (so no JSON container is ever open), or
// - valid JSON: one document, or NDJSON (one document a line), with no key repeated in an object
//   and none an array index (0 to 2^32-2: a JS object lists those first; an ID as a key is fine),
//   nesting far below the finder's 256 levels and objects far below its 1 MB decision window.
// (The oracle throws when its view of a document's tokens and JSON.parse's disagree.)
// What the finder does on broken JSON, JSON inside other text, very deep nesting and objects that
// keep an `id` waiting for more than 1 MB is a streaming approximation of these rules; those cases
// are example tests in finder.test.ts and finderWasm.test.ts.
import { parseJsonLossless } from '../../../src/core/lossless';

export interface OracleResult {
  ids: string[];
  matches: Array<{ id: string; start: number; end: number }>;
  duplicates: number;
  invalid: number;
  skipped: number;
}

// ---- the ID rules -------------------------------------------------------------------------------

// The oracle states the ID rules again on purpose, epoch included: an oracle that imported the
// implementation's constants (src/shared/tweetId.ts) would share its mistakes.
const TWEPOCH = 1288834974657n;
const MAX_ID = 2n ** 63n - 1n;

/** No leading zero, at most 2^63-1, and with 15 digits or more a snowflake time from 2010-11-04 to `now`. */
export function validId(digits: string, now: number): boolean {
  if (digits.startsWith('0')) return false;
  const value = BigInt(digits);
  if (value > MAX_ID) return false;
  if (digits.length < 15) return true; // a pre-snowflake ID: only in status URLs
  const time = (value >> 22n) + TWEPOCH;
  return time >= BigInt(Date.UTC(2010, 10, 4)) && time <= BigInt(now);
}

const WORD = /^[0-9A-Za-z_]$/;
const DIGIT = /^[0-9]$/;
/** Characters that end a URL: ASCII controls and space, anything non-ASCII, and "'<>()[]{}|^`,; */
// eslint-disable-next-line no-control-regex -- a URL ends at a control character
const URL_TOKEN_AT_END = /[^\x00-\x20\x7f-\uffff"'<>()[\]{}|^`,;]*$/;
const TWITTER_HOST = /^(?:www\.|mobile\.|m\.)?(?:twitter|x)\.com$/i;
const TWIMG_HOST = /(?:^|\.)twimg\.com$/i;
const STATUS_SEGMENT = /^status(?:es)?$/i;

type UrlKind = 'status' | 'not-tweet' | 'none';

/**
 * What the URL ending with the slash before `text[at]` says about the digits at `at`: a Tweet on
 * twitter.com or x.com after a `status` or `statuses` segment; not a Tweet elsewhere on those hosts
 * or on twimg.com. The URL is the run of URL characters before the digits, at most 256 long; `\/`
 * (an escaped slash in JSON) counts as `/`; a segment ending with `:` is a scheme and the next
 * non-empty segment the host, also later in the path (web.archive.org/web/2020/https://x.com/…).
 */
function urlKind(text: string, at: number): UrlKind {
  const token = URL_TOKEN_AT_END.exec(text.slice(0, at))![0];
  if (token.length > 256) return 'none';
  const segments = token.replace(/\\\//g, '/').split('/').slice(0, -1);
  let host = 'none' as 'none' | 'expect' | 'twitter' | 'twimg' | 'other';
  let status = false;
  for (const [k, segment] of segments.entries()) {
    status = false;
    if (host === 'expect') {
      if (segment !== '') host = classifyHost(segment);
    } else if (segment.endsWith(':')) {
      host = 'expect';
    } else if (k === 0) {
      host = segment === '' ? 'none' : classifyHost(segment);
    } else {
      status = STATUS_SEGMENT.test(segment);
    }
  }
  if (host === 'twitter') return status ? 'status' : 'not-tweet';
  return host === 'twimg' ? 'not-tweet' : 'none';
}

function classifyHost(host: string): 'twitter' | 'twimg' | 'other' {
  if (host.length > 64) return 'other';
  if (TWITTER_HOST.test(host)) return 'twitter';
  return TWIMG_HOST.test(host) ? 'twimg' : 'other';
}

/** A digit run the text rules keep: an ID to count (subject to JSON context), or one to count as invalid or skipped. */
interface Candidate {
  digits: string;
  start: number;
  end: number;
  verdict: 'status' | 'id' | 'invalid' | 'skipped';
}

/**
 * The text rules, on the whole text: strings open at `"` or `'` and end at the same quote or a
 * newline; in them a backslash escapes the next character (a newline too: the string goes on).
 * Every maximal run of digits (an escaped digit is not part of one):
 * - of 1 to 19 digits right after a status URL: an ID (or invalid);
 * - of 15 to 19 digits standing alone: an ID (or invalid), skipped in other twitter/twimg URLs.
 * Standing alone: not glued to a letter, digit or `_` (except after an escaped \n \t \r \b \f in a
 * string, and an `n` or `L` suffix: 123n, 123L), not a decimal (1.123…, 123….5).
 */
function textCandidates(text: string, now: number): Candidate[] {
  const escaped = new Set<number>();
  for (const string of text.matchAll(/(["'])((?:\\[\s\S]|(?!\1)[^\\\n])*)\1?/g)) {
    const body = string.index! + 1;
    for (const escape of string[2].matchAll(/\\[\s\S]/g)) escaped.add(body + escape.index! + 1);
  }
  const unescaped = Array.from({ length: text.length }, (_, k) => (escaped.has(k) ? '#' : text[k])).join('');
  const at = (k: number) => text[k] ?? ' ';
  const out: Candidate[] = [];
  for (const run of unescaped.matchAll(/[0-9]+/g)) {
    const digits = run[0];
    const start = run.index!;
    const end = start + digits.length;
    const prev = at(start - 1);
    const next = at(end);
    if (digits.length > 19) continue;
    if (digits.length < 15 && prev !== '/') continue;
    if (WORD.test(prev) && !(escaped.has(start - 1) && 'ntrbf'.includes(prev))) continue;
    if (prev === '.' && DIGIT.test(at(start - 2))) continue;
    if (WORD.test(next) && !('nL'.includes(next) && !WORD.test(at(end + 1)))) continue;
    if (next === '.' && DIGIT.test(at(end + 1))) continue;
    const url = prev === '/' ? urlKind(text, start) : 'none';
    const valid = validId(digits, now);
    if (url === 'status') out.push({ digits, start, end, verdict: valid ? 'status' : 'invalid' });
    else if (digits.length < 15) continue;
    else if (!valid) out.push({ digits, start, end, verdict: 'invalid' });
    else out.push({ digits, start, end, verdict: url === 'not-tweet' ? 'skipped' : 'id' });
  }
  return out;
}

// ---- JSON context -------------------------------------------------------------------------------

/** What the keys the generators use mean (finderOracle.test.ts checks these against the finder's table). */
export const ORACLE_KEYS: Readonly<Record<string, KeyRule>> = {
  id: { id: true },
  id_str: { id: true },
  author_id: { skip: true, tweet: true }, // a user ID, in a Tweet
  media_key: { skip: true, notTweet: true }, // a media ID, in a media object
  user: { entity: true },
  users: { entity: true },
  media: { entity: true },
  text: { tweet: true },
  full_text: { tweet: true },
  in_reply_to_status_id_str: { tweet: true },
  name: { notTweet: true },
  screen_name: { notTweet: true },
};

type KeyRule = { skip?: true; entity?: true; id?: true; tweet?: true; notTweet?: true };

function keyRule(key: string): KeyRule | undefined {
  return Object.hasOwn(ORACLE_KEYS, key) ? ORACLE_KEYS[key] : undefined;
}

type Leaf = { context: 'accept' | 'skip'; value: unknown };

/**
 * The leaves (keys and values) of a parsed document in text order, each with what its JSON context
 * says about an ID that is the whole leaf:
 * - the value of a skip key (user, media, poll IDs), also as array elements: skipped;
 * - the `id` / `id_str` of an object under an entity key (user, users, media…: directly or in
 *   arrays) or of an object whose first telling key is a non-Tweet key (name, screen_name…): skipped;
 * - anything else (an `id` of a Tweet or of an object that never tells, keys, other values): counted.
 */
function leaves(doc: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, key: KeyRule | undefined, inside: 'top' | 'array' | { entity: boolean; tweet: boolean }) => {
    if (Array.isArray(value)) {
      for (const element of value) walk(element, key, 'array');
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      const telling = entries.map(([k]) => keyRule(k)).find((f) => f?.tweet || f?.notTweet);
      const object = { entity: !!key?.entity, tweet: !telling?.notTweet };
      for (const [k, v] of entries) {
        out.push({ context: 'accept', value: k });
        walk(v, keyRule(k), object);
      }
    } else {
      let skip = false;
      if (inside === 'array') skip = !!key?.skip;
      else if (inside !== 'top') skip = !!key?.skip || (!!key?.id && (inside.entity || !inside.tweet));
      out.push({ context: skip ? 'skip' : 'accept', value });
    }
  };
  walk(doc, undefined, 'top');
  return out;
}

const JSON_TOKEN = /"(?:[^"\\]|\\[\s\S])*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/g;

/** The context of each JSON token (string, number, literal) of `doc`, which starts at `offset`. */
function tokenContexts(doc: string, offset: number) {
  const tokens = [...doc.matchAll(JSON_TOKEN)];
  const parsed = leaves(parseJsonLossless(doc)); // numbers kept as their exact text
  if (tokens.length !== parsed.length) throw new Error(`oracle: ${tokens.length} tokens but ${parsed.length} leaves`);
  return tokens.map((t, k) => {
    const raw = t[0];
    const isString = raw.startsWith('"');
    const value = isString || !/^-?[0-9]/.test(raw) ? JSON.parse(raw) : raw;
    if (value !== parsed[k].value) throw new Error(`oracle: token ${raw} is not leaf ${JSON.stringify(parsed[k].value)}`);
    return { start: offset + t.index!, end: offset + t.index! + raw.length, raw, isString, context: parsed[k].context };
  });
}

// ---- the oracle ---------------------------------------------------------------------------------

/** The Tweet IDs in `text` by the rules above; `json`: one JSON document or NDJSON, else plain text. */
export function oracleFind(text: string, now: number, json: 'text' | 'document' | 'ndjson'): OracleResult {
  if (json === 'text' && /[{[]/.test(text)) throw new Error('oracle: plain text must not open JSON containers');
  const tokens: ReturnType<typeof tokenContexts> = [];
  if (json === 'document') tokens.push(...tokenContexts(text, 0));
  if (json === 'ndjson') {
    let offset = 0;
    for (const line of text.split('\n')) {
      if (line.trim() !== '') tokens.push(...tokenContexts(line, offset));
      offset += line.length + 1;
    }
  }
  const result: OracleResult = { ids: [], matches: [], duplicates: 0, invalid: 0, skipped: 0 };
  for (const c of textCandidates(text, now)) {
    let verdict = c.verdict;
    if (verdict === 'id') {
      // JSON context decides only for a whole number or a string that is just the digits.
      const token = tokens.find((t) => t.start <= c.start && c.start < t.end);
      const whole = token && (token.isString ? token.raw === `"${c.digits}"` : true);
      if (whole && token.context === 'skip') verdict = 'skipped';
    }
    if (verdict === 'invalid') result.invalid++;
    else if (verdict === 'skipped') result.skipped++;
    else {
      result.matches.push({ id: c.digits, start: c.start, end: c.end });
      if (result.ids.includes(c.digits)) result.duplicates++;
      else result.ids.push(c.digits);
    }
  }
  return result;
}
