// AssemblyScript: the Tweet ID scanner, the one implementation of the ID rules. Compiled to
// WebAssembly with SIMD by scripts/build-wasm.js; src/finder/finder.ts (findTweetIds, tweetIdAt,
// TweetIdScanner) and src/finder/finderWasm.ts (files, two threads) drive it from JavaScript.
//
// General rule: a standalone run of 15–19 ASCII digits (not glued to [0-9A-Za-z_], not part of a
// decimal) whose snowflake time lies between 2010-11-04 and `now` is a Tweet ID. A digit run right
// after `/status/` or `/statuses/` in a twitter.com / x.com URL is an ID whatever its length.
//
// On top of that sits a lexical JSON context tracker (not a parser; it never fails): a stack of
// object/array contexts with the current key, so user and media IDs in Tweet exports are skipped.
// Everything is decided from bounded look-behinds plus small state, so a chunked stream gives
// exactly the same result as one big string.
//
// Everything the rules need lives here: the byte classes and the key table are built by init()
// from this file; only the snowflake epoch and the ID digit bounds come in from JavaScript
// (src/shared/tweetId.ts, their one home). The input lives in a window in linear memory: the carry
// (context bytes plus any held-back tail) at its start, the next chunk read in right after it.
// Queued matches keep the ID's value (u64: no leading zero, at most 2^63-1, so the digits are its
// decimal form). Results go to buffers JavaScript drains after each feed (no call out per ID):
// new IDs as text, one per line; or, when asked (begin(now, true)), every occurrence as a record
// of its byte range and whether it was new, which JavaScript maps to UTF-16 ranges.


// ---- constants ---------------------------------------------------------------------------------

/** Set by init() from src/shared/tweetId.ts: the snowflake epoch and the digits of a standalone ID. */
let TWEPOCH: u64 = 0;
let MIN_DIGITS: i32 = 0;
let MAX_DIGITS: i32 = 0;
const SNOWFLAKE_START: f64 = 1288828800000; // Date.UTC(2010, 10, 4)
/** Bytes kept before the resume point so every look-behind below has its context. */
const CONTEXT: i32 = 320;
/** A status URL must start at most this many bytes before its ID. */
const URL_LOOKBACK: i32 = 256;
/** How far an `id` may wait for its object to show whether it is a Tweet (bounds memory). */
const DECIDE_WINDOW: i64 = 1048576;
const MAX_DEPTH: i32 = 256;
/** Bytes a digit run's decision may look at after its end (decimal point, suffix, `":`). */
const LOOKAHEAD: i32 = 8;
/** Longest key looked up; keys are hashed into KEY_SLOTS on length, first, second and last byte. */
const MAX_KEY: i32 = 40;
const KEY_SLOTS: i32 = 4096;
const MAX_KEYS: i32 = 512;

// Byte class bits: one byte per value in CLS, built by initClasses().
/** [0-9A-Za-z_]: glues a digit run into a longer token. */
const C_WORD: u8 = 1;
/** Unquoted object keys in JS/Python literals. */
const C_IDENT: u8 = 2;
/** Bytes the scanner must look at outside strings. */
const C_STOP_OUT: u8 = 4;
/** ... inside "strings". */
const C_STOP_DQ: u8 = 8;
/** ... inside 'strings'. */
const C_STOP_SQ: u8 = 16;
/** Bytes that cannot be inside a URL token. */
const C_URL_BREAK: u8 = 32;
/** \n \t \r \b \f in a JSON string separate like whitespace. */
const C_ESCAPE_SEP: u8 = 64;

// Key flags (exported for the tests as keyFlagsOf()).
/** The value (or array of values) under this key is a user, media, poll… ID. */
const K_SKIP: i32 = 1;
/** Objects under this key (or in an array under it) are users, media, mentions…, not Tweets. */
const K_ENTITY: i32 = 2;
/** `id` / `id_str`: a Tweet ID only if its object is a Tweet. */
const K_ID: i32 = 4;
/** An object with this key is a Tweet. */
const K_TWEET: i32 = 8;
/** An object with this key is not a Tweet (user, media, list, poll, annotation…). */
const K_NOT_TWEET: i32 = 16;
/** Not looked up yet (the object's kind is settled, so only the value needs the flags). */
const K_LAZY: i32 = 128;

/** initKeys(): the JSON keys the context tracker knows, by flags (names separated by spaces). */
function initKeys(): void {
  addKeys(K_ID, 'id id_str');
  addKeys(K_SKIP | K_TWEET, 'author_id in_reply_to_user_id in_reply_to_user_id_str');
  addKeys(K_SKIP | K_NOT_TWEET, 'media_key');
  addKeys(
    K_SKIP,
    'user_id user_id_str media_keys source_user_id source_user_id_str poll_ids sender_id sender_id_str recipient_id recipient_id_str ' +
      'participant_ids owner_id creator_id host_ids speaker_ids invited_user_ids list_id accountId userId authorId senderId recipientId mediaKey',
  );
  addKeys(K_ENTITY, 'user users author media mentions user_mentions polls places place lists list entity domain sender recipient matching_rules');
  addKeys(
    K_TWEET,
    'text full_text retweet_count favorite_count favorited retweeted truncated is_quote_status in_reply_to_status_id in_reply_to_status_id_str ' +
      'conversation_id edit_history_tweet_ids referenced_tweets display_text_range source reply_settings',
  );
  addKeys(
    K_NOT_TWEET,
    'name screen_name username description followers_count friends_count statuses_count profile_image_url profile_image_url_https indices ' +
      'media_url media_url_https member_count subscriber_count options voting_status tag',
  );
}

/** Whether c is one of the characters of `set`. */
function isOneOf(c: i32, set: string): bool {
  for (let j = 0; j < set.length; j++) if (<i32>set.charCodeAt(j) == c) return true;
  return false;
}

function initClasses(): void {
  for (let c = 0; c < 256; c++) {
    const digit = c >= 48 && c <= 57;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const word = digit || letter || c == 95;
    let k: u8 = 0;
    if (word) k |= C_WORD;
    if (word || c == 36) k |= C_IDENT;
    if (digit || isOneOf(c, '"\'{}[]:')) k |= C_STOP_OUT;
    if (digit || c == 34 || c == 92 || c == 10) k |= C_STOP_DQ;
    if (digit || c == 39 || c == 92 || c == 10) k |= C_STOP_SQ;
    if (c <= 32 || c >= 127 || isOneOf(c, '"\'<>()[]{}|^`,;')) k |= C_URL_BREAK;
    if (isOneOf(c, 'ntrbf')) k |= C_ESCAPE_SEP;
    store<u8>(CLS + c, k);
  }
}

const H_NONE: i32 = 0;
const H_EXPECT: i32 = 1;
const H_TWITTER: i32 = 2;
const H_TWIMG: i32 = 3;
const H_OTHER: i32 = 4;

const URL_NONE: i32 = 0;
const URL_STATUS: i32 = 1;
const URL_NOT_TWEET: i32 = 2;

const OBJ: u8 = 1;
const ARR: u8 = 2;
const UNDECIDED: u8 = 0;
const TWEET: u8 = 1;
const NOT_TWEET: u8 = 2;

const Q_ACCEPT: f64 = 0;
const Q_SKIP: f64 = -1;

// ---- memory ----------------------------------------------------------------------------------

let CLS: usize = 0; // 256 class bytes
let KEY_HEAD: usize = 0; // i32[KEY_SLOTS]
let KEY_NEXT: usize = 0; // i32[MAX_KEYS]
let KEY_OFF: usize = 0; // i32[MAX_KEYS] offsets into KEY_BYTES
let KEY_LEN: usize = 0; // i32[MAX_KEYS]
let KEY_VAL: usize = 0; // i32[MAX_KEYS]
let KEY_BYTES: usize = 0; // MAX_KEYS * MAX_KEY
let keyCount: i32 = 0;

let KIND: usize = 0; // u8[MAX_DEPTH]
let KEYF: usize = 0;
let AFTER: usize = 0;
let ENTITY: usize = 0;
let DECISION: usize = 0;
let SERIAL: usize = 0; // f64[MAX_DEPTH]
let PEND: usize = 0; // f64[MAX_DEPTH]

let WIN: usize = 0; // the window: carry then chunk
let winCap: i32 = 0;
let SCRATCH: usize = 0; // key names passed in by addKey

// Queue of matches waiting for an object's kind: value (u64), start (absolute), state (as in JS).
let QV: usize = 0;
let QS: usize = 0;
let QST: usize = 0;
let qCap: i32 = 0;
let qLen: i32 = 0;
let qHead: i32 = 0;
let qOffset: f64 = 0;

// New IDs since JavaScript last drained them, as text: digits and a newline each.
let OUT: usize = 0;
let outCap: i32 = 0;
let outLen: i32 = 0;
// With wantMatches, every occurrence instead, as f64 records: start, end (absolute byte offsets)
// and 1 if the ID was new, else 0.
const MATCH_BYTES: usize = 24;
let wantMatches: bool = false;
let MATCHES: usize = 0;
let matchCap: i32 = 0;
let matchLen: i32 = 0;
// Input for mergeText.
let MERGE: usize = 0;
let mergeCap: i32 = 0;

// Set of IDs seen: open addressing on the u64 value (0 = empty; an ID is never 0).
let SET: usize = 0;
let setMask: i32 = 0;
let setShift: u64 = 0;
let setCount: i32 = 0;

// ---- state (offsets are absolute stream positions) -----------------------------------------------

let now: f64 = 0;
let found: f64 = 0;
let duplicates: f64 = 0;
let invalid: f64 = 0;
let skipped: f64 = 0;

let carryLen: i32 = 0;
let carryBase: i64 = 0;
let resume: i64 = 0;
let longRun: bool = false;
let ended: bool = false;

let quote: i32 = 0;
let strOpen: i64 = -1;
let strClose: i64 = -1;
let escAt: i64 = -1;

let depth: i32 = 0;
let overflow: i32 = 0;
let serialNext: f64 = 0;
let lazyA: i64 = 0;
let lazyB: i64 = 0;

let brkScan: i64 = 0;
let lastBrk: i64 = -1;
let uTok: i64 = -2;
let uPos: i64 = 0;
let uSeg: i64 = 0;
let uHost: i32 = H_NONE;
let uStatus: bool = false;
let uFirst: bool = true;

// The buffer being scanned: BUF[0..n) holds stream bytes from `base` on.
let BUF: usize = 0;
let n: i32 = 0;
let base: i64 = 0;
let final: bool = false;

// ---- setup -----------------------------------------------------------------------------------

function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/**
 * Sets everything up: the byte classes, the key table, a window for windowBytes of input; the
 * snowflake epoch and the digits of a standalone ID come from src/shared/tweetId.ts.
 */
export function init(windowBytes: i32, epochMs: f64, minDigits: i32, maxDigits: i32): void {
  TWEPOCH = <u64>epochMs;
  MIN_DIGITS = minDigits;
  MAX_DIGITS = maxDigits;
  CLS = alloc(256);
  KEY_HEAD = alloc(KEY_SLOTS << 2);
  memory.fill(KEY_HEAD, 0xff, KEY_SLOTS << 2);
  KEY_NEXT = alloc(MAX_KEYS << 2);
  KEY_OFF = alloc(MAX_KEYS << 2);
  KEY_LEN = alloc(MAX_KEYS << 2);
  KEY_VAL = alloc(MAX_KEYS << 2);
  KEY_BYTES = alloc(MAX_KEYS * MAX_KEY);
  SCRATCH = alloc(MAX_KEY + 8);
  KIND = alloc(MAX_DEPTH);
  KEYF = alloc(MAX_DEPTH);
  AFTER = alloc(MAX_DEPTH);
  ENTITY = alloc(MAX_DEPTH);
  DECISION = alloc(MAX_DEPTH);
  SERIAL = alloc(MAX_DEPTH << 3);
  PEND = alloc(MAX_DEPTH << 3);
  winCap = windowBytes + 4 * CONTEXT;
  WIN = alloc(<usize>winCap + 16);
  qCap = 1024;
  QV = alloc(<usize>qCap << 3);
  QS = alloc(<usize>qCap << 3);
  QST = alloc(<usize>qCap << 3);
  setMask = 8191;
  setShift = 51;
  SET = alloc(<usize>(setMask + 1) << 3);
  outCap = 1 << 16;
  OUT = alloc(<usize>outCap);
  matchCap = 1024;
  MATCHES = alloc(<usize>matchCap * MATCH_BYTES);
  initClasses();
  initKeys();
}

@inline function keySlot(len: i32, first: i32, second: i32, last: i32): i32 {
  return (len * 97 + first * 31 + second * 7 + last * 131) & (KEY_SLOTS - 1);
}

/** Adds each space-separated name of `names` to the key table with `flags`. */
function addKeys(flags: i32, names: string): void {
  for (let a = 0; a < names.length; ) {
    let b = a;
    while (b < names.length && names.charCodeAt(b) != 32) b++;
    const len = b - a;
    if (keyCount >= MAX_KEYS || len < 2 || len > MAX_KEY) unreachable();
    const k = keyCount++;
    const name = KEY_BYTES + k * MAX_KEY;
    for (let j = 0; j < len; j++) store<u8>(name + j, <u8>names.charCodeAt(a + j));
    const slot = keySlot(len, load<u8>(name), load<u8>(name + 1), load<u8>(name + len - 1));
    store<i32>(KEY_NEXT + (k << 2), load<i32>(KEY_HEAD + (slot << 2)));
    store<i32>(KEY_HEAD + (slot << 2), k);
    store<i32>(KEY_OFF + (k << 2), k * MAX_KEY);
    store<i32>(KEY_LEN + (k << 2), len);
    store<i32>(KEY_VAL + (k << 2), flags);
    a = b + 1;
  }
}

/** Where JavaScript writes a key name for keyFlagsOf() (tests: the key table as the scanner sees it). */
export function scratch(): usize {
  return SCRATCH;
}

/** The flags (K_*) of the key of len bytes written at scratch(); 0 for an unknown key. */
export function keyFlagsOf(len: i32): i32 {
  if (len < 0 || len > MAX_KEY) return 0;
  const buf = BUF;
  const count = n;
  BUF = SCRATCH;
  n = len;
  const f = keyFlags(0, len);
  BUF = buf;
  n = count;
  return f;
}

/** Starts a new stream; allMatches: report every occurrence with its byte range (matchCount()). */
export function begin(nowMs: f64, allMatches: bool): void {
  now = nowMs;
  wantMatches = allMatches;
  found = duplicates = invalid = skipped = 0;
  carryLen = 0;
  carryBase = 0;
  resume = 0;
  longRun = false;
  ended = false;
  quote = 0;
  strOpen = strClose = escAt = -1;
  depth = overflow = 0;
  serialNext = 0;
  lazyA = lazyB = 0;
  brkScan = 0;
  lastBrk = -1;
  uTok = -2;
  uPos = uSeg = 0;
  uHost = H_NONE;
  uStatus = false;
  uFirst = true;
  qLen = qHead = 0;
  qOffset = 0;
  // Back to the smallest set (in the same block, which stays at least this big).
  setMask = 8191;
  setShift = 51;
  memory.fill(SET, 0, <usize>(setMask + 1) << 3);
  setCount = 0;
  outLen = 0;
  matchLen = 0;
}

/** The new IDs since the last outClear(): outLength() bytes of text at outPtr(). */
export function outLength(): i32 {
  return outLen;
}

export function outPtr(): usize {
  return OUT;
}

/** The occurrences since the last outClear(): matchCount() records at matchPtr(), MATCH_BYTES each. */
export function matchCount(): i32 {
  return matchLen;
}

export function matchPtr(): usize {
  return MATCHES;
}

export function outClear(): void {
  outLen = 0;
  matchLen = 0;
}

/** Where the next chunk goes (right after the carry), and how much fits. */
export function chunkPtr(): usize {
  return WIN + carryLen;
}

export function chunkRoom(): i32 {
  return winCap - carryLen;
}

export function stat(k: i32): f64 {
  return k == 0 ? found : k == 1 ? duplicates : k == 2 ? invalid : skipped;
}

// ---- bytes -----------------------------------------------------------------------------------

/** buf[i], or -1 outside the buffer (unequal to every byte). */
@inline function at(i: i32): i32 {
  return i >= 0 && i < n ? <i32>load<u8>(BUF + i) : -1;
}

@inline function cls(c: i32, bit: u8): bool {
  return c >= 0 && (load<u8>(CLS + c) & bit) != 0;
}

@inline function isDigit(c: i32): bool {
  return <u32>(c - 48) < 10;
}

@inline function isSpace(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13;
}

/** buf[i] for an absolute position. */
@inline function rel(p: i64): i32 {
  return <i32>(p - base);
}

// ---- keys ------------------------------------------------------------------------------------

function keyFlags(a: i32, b: i32): i32 {
  const len = b - a;
  if (len < 2 || len > MAX_KEY) return 0;
  // a >= 0 and b <= n wherever this is called (the key lies in the buffer).
  const key = BUF + a;
  for (let k = load<i32>(KEY_HEAD + (keySlot(len, load<u8>(key), load<u8>(key + 1), load<u8>(key + len - 1)) << 2)); k >= 0; k = load<i32>(KEY_NEXT + (k << 2))) {
    if (load<i32>(KEY_LEN + (k << 2)) != len) continue;
    const name = KEY_BYTES + load<i32>(KEY_OFF + (k << 2));
    let j = 0;
    while (j < len && load<u8>(key + j) == load<u8>(name + j)) j++;
    if (j == len) return load<i32>(KEY_VAL + (k << 2));
  }
  return 0;
}

// ---- URLs ------------------------------------------------------------------------------------

function matchesLower(a: i32, text: string): bool {
  for (let j = 0; j < text.length; j++) if ((at(a + j) | 0x20) != <i32>text.charCodeAt(j)) return false;
  return true;
}

function classifyHost(a: i32, b: i32): i32 {
  if (b - a > 64) return H_OTHER;
  if (b - a > 4 && matchesLower(a, 'www.')) a += 4;
  else if (b - a > 7 && matchesLower(a, 'mobile.')) a += 7;
  else if (b - a > 2 && matchesLower(a, 'm.')) a += 2;
  const len = b - a;
  if ((len == 11 && matchesLower(a, 'twitter.com')) || (len == 5 && matchesLower(a, 'x.com'))) return H_TWITTER;
  if (len >= 9 && matchesLower(b - 9, 'twimg.com') && (len == 9 || at(b - 10) == 46)) return H_TWIMG;
  return H_OTHER;
}

function isStatusSegment(a: i32, b: i32): bool {
  return (b - a == 6 && matchesLower(a, 'status')) || (b - a == 8 && matchesLower(a, 'statuses'));
}

function afterStatusSegment(slash: i32): bool {
  let k = slash;
  if (k > 0 && at(k - 1) == 92) k--;
  if (k >= 8 && matchesLower(k - 8, 'statuses')) return true;
  return k >= 6 && matchesLower(k - 6, 'status');
}

function urlContext(slash: i32): i32 {
  const p = base + slash;
  // Bytes before the buffer are never a break.
  const from = max(0, rel(max<i64>(brkScan, p - URL_LOOKBACK)));
  for (let x = slash - 1; x >= from; x--) {
    if (load<u8>(CLS + <usize>load<u8>(BUF + x)) & C_URL_BREAK) {
      lastBrk = base + x;
      break;
    }
  }
  if (p > brkScan) brkScan = p;
  if (p - lastBrk > URL_LOOKBACK) return URL_NONE;
  const tok = lastBrk + 1;
  if (uTok != tok) {
    uTok = tok;
    uPos = tok;
    uSeg = tok;
    uHost = H_NONE;
    uStatus = false;
    uFirst = true;
  }
  for (let x = max(0, rel(uPos)); x <= slash; x++) if (load<u8>(BUF + x) == 47) segmentEnd(x);
  if (p + 1 > uPos) uPos = p + 1;
  if (uHost == H_TWITTER) return uStatus ? URL_STATUS : URL_NOT_TWEET;
  return uHost == H_TWIMG ? URL_NOT_TWEET : URL_NONE;
}

function segmentEnd(x: i32): void {
  const a = rel(uSeg);
  let b = x;
  if (b > a && at(b - 1) == 92) b--;
  const len = b - a;
  if (uHost == H_EXPECT) {
    if (len > 0) uHost = classifyHost(a, b);
  } else if (len > 0 && at(b - 1) == 58) {
    uHost = H_EXPECT;
  } else if (uFirst) {
    uHost = len > 0 ? classifyHost(a, b) : H_NONE;
  } else {
    uStatus = isStatusSegment(a, b);
  }
  if (uFirst || uHost == H_EXPECT) uStatus = false;
  uFirst = false;
  uSeg = base + x + 1;
}

// ---- IDs -------------------------------------------------------------------------------------

const MAX_ID: u64 = 9223372036854775807;

/** The eight ASCII digits at p as a number (SWAR: three multiply steps instead of eight). */
@inline function eightDigits(p: usize): u64 {
  let x = load<u64>(p) - 0x3030303030303030;
  x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ff;
  x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffff;
  return (x * 10000 + (x >> 32)) & 0xffffffff;
}

/** The digits buf[s..e) (at most 19, so no overflow) as a number. */
function digitsValue(s: i32, e: i32): u64 {
  let v: u64 = 0;
  let k = s;
  for (const lead = s + ((e - s) & 7); k < lead; k++) v = v * 10 + <u64>(load<u8>(BUF + k) - 48);
  for (; k < e; k += 8) v = v * 100000000 + eightDigits(BUF + k);
  return v;
}

/** No leading zero, at most 2^63-1, and (15+ digits) a snowflake time up to `now`, exactly; v is digitsValue(s, e). */
function valid(s: i32, e: i32, v: u64): bool {
  if (load<u8>(BUF + s) == 48) return false;
  if (v > MAX_ID) return false;
  if (e - s < MIN_DIGITS) return true;
  const t = <f64>((v >> 22) + TWEPOCH);
  return t >= SNOWFLAKE_START && t <= now;
}

/** Fibonacci hashing: the top bits of the product (setShift = 64 - log2(table size)). */
@inline function hashSlot(v: u64): i32 {
  return <i32>((v * 0x9e3779b97f4a7c15) >> setShift);
}

/** Adds v to the set of IDs seen; whether it was new. */
function setAdd(v: u64): bool {
  let k = hashSlot(v);
  for (;;) {
    const h = load<u64>(SET + (<usize>k << 3));
    if (h == 0) break;
    if (h == v) return false;
    k = (k + 1) & setMask;
  }
  store<u64>(SET + (<usize>k << 3), v);
  if (++setCount * 2 > setMask) setGrow();
  return true;
}

function setGrow(): void {
  const old = SET;
  const oldSize = setMask + 1;
  setMask = oldSize * 2 - 1;
  setShift--;
  SET = alloc(<usize>(setMask + 1) << 3);
  memory.fill(SET, 0, <usize>(setMask + 1) << 3);
  for (let j = 0; j < oldSize; j++) {
    const v = load<u64>(old + (<usize>j << 3));
    if (v == 0) continue;
    let k = hashSlot(v);
    while (load<u64>(SET + (<usize>k << 3)) != 0) k = (k + 1) & setMask;
    store<u64>(SET + (<usize>k << 3), v);
  }
  heap.free(old);
}

/** Appends the digits of u (< 1e9), zero-padded to `width` (0: no padding), at p; the end. */
@inline function putDigits(p: usize, u: u32, width: i32): usize {
  let len = width;
  if (len == 0) {
    len = 1;
    for (let t = u; t >= 10; t /= 10) len++;
  }
  let q = p + len;
  for (let k = 0; k < len; k++) {
    q--;
    store<u8>(q, 48 + u % 10);
    u /= 10;
  }
  return p + len;
}

/** Appends v's decimal digits and a newline to the output. */
function outId(v: u64): void {
  if (outLen + 21 > outCap) {
    const out = alloc(<usize>outCap << 1);
    memory.copy(out, OUT, outLen);
    heap.free(OUT);
    OUT = out;
    outCap <<= 1;
  }
  let p = OUT + outLen;
  const lo = <u32>(v % 1000000000);
  const rest = v / 1000000000;
  if (rest == 0) {
    p = putDigits(p, lo, 0);
  } else {
    const mid = <u32>(rest % 1000000000);
    const top = <u32>(rest / 1000000000);
    if (top != 0) {
      p = putDigits(p, top, 0);
      p = putDigits(p, mid, 9);
    } else {
      p = putDigits(p, mid, 0);
    }
    p = putDigits(p, lo, 9);
  }
  store<u8>(p, 10);
  outLen = <i32>(p + 1 - OUT);
}

/** Decimal digits of v (> 0). */
function digitCount(v: u64): i32 {
  let len = 1;
  for (let t = v; t >= 10; t /= 10) len++;
  return len;
}

/** Appends a match record (see MATCHES). */
function outMatch(start: i64, v: u64, isNew: bool): void {
  if (matchLen == matchCap) {
    const bigger = alloc(<usize>matchCap * 2 * MATCH_BYTES);
    memory.copy(bigger, MATCHES, <usize>matchLen * MATCH_BYTES);
    heap.free(MATCHES);
    MATCHES = bigger;
    matchCap <<= 1;
  }
  const p = MATCHES + <usize>matchLen * MATCH_BYTES;
  store<f64>(p, <f64>start);
  store<f64>(p + 8, <f64>(start + digitCount(v)));
  store<f64>(p + 16, isNew ? 1 : 0);
  matchLen++;
}

/** The ID v accepted at the absolute offset start, in text order. */
function emit(v: u64, start: i64): void {
  const isNew = setAdd(v);
  if (isNew) found++;
  else duplicates++;
  if (wantMatches) outMatch(start, v, isNew);
  else if (isNew) outId(v);
}

// ---- the scanner -----------------------------------------------------------------------------

/** Scans the window's first `len` bytes after the carry; `last` ends the stream. */
export function feed(len: i32, last: bool): void {
  if (ended) unreachable();
  BUF = WIN;
  n = carryLen + len;
  base = carryBase;
  final = last;
  const stop = scanBytes(rel(resume));
  resolveLazy();
  const keepFrom = max(0, stop - CONTEXT);
  memory.copy(WIN, WIN + keepFrom, n - keepFrom);
  carryLen = n - keepFrom;
  carryBase = base + keepFrom;
  resume = base + stop;
  if (last) {
    ended = true;
    carryLen = 0;
    for (let d = depth - 1; d >= 0; d--) if (load<f64>(PEND + (d << 3)) >= 0) resolveLevel(d, true);
    flush();
  }
}

@inline function resolveLazy(): void {
  const top = depth - 1;
  if (top >= 0 && load<u8>(KEYF + top) == K_LAZY) store<u8>(KEYF + top, keyFlags(rel(lazyA), rel(lazyB)));
}

/** SIMD skip inside a string: the first byte at or after i that is a digit, q, \ or newline. */
@inline function skipString(buf: usize, end: i32, i: i32, q: i32): i32 {
  const zero = i8x16.splat(48);
  const ten = i8x16.splat(10);
  const qv = i8x16.splat(<i8>q);
  const bs = i8x16.splat(92);
  const nl = i8x16.splat(10);
  while (i + 16 <= end) {
    const v = v128.load(buf + i);
    const m = v128.or(v128.or(i8x16.lt_u(i8x16.sub(v, zero), ten), i8x16.eq(v, qv)), v128.or(i8x16.eq(v, bs), i8x16.eq(v, nl)));
    const bits = i8x16.bitmask(m);
    if (bits != 0) return i + ctz(bits);
    i += 16;
  }
  return i;
}

/** The first byte at or after i that is not an ASCII digit (or end). */
@inline function digitRunEnd(buf: usize, end: i32, i: i32): i32 {
  const zero = i8x16.splat(48);
  const ten = i8x16.splat(10);
  while (i + 16 <= end) {
    const bits = ~i8x16.bitmask(i8x16.lt_u(i8x16.sub(v128.load(buf + i), zero), ten)) & 0xffff;
    if (bits != 0) return i + ctz(bits);
    i += 16;
  }
  while (i < end && isDigit(load<u8>(buf + i))) i++;
  return i;
}

function scanBytes(start: i32): i32 {
  // Globals in locals: they stay in registers (calls below never change them).
  const buf = BUF;
  const cls = CLS;
  const end = n;
  let i = start;
  if (longRun) {
    while (i < end && isDigit(load<u8>(buf + i))) i++;
    if (i >= end && !final) return end;
    longRun = false;
  }
  let q = quote;
  let stop: u8 = q == 0 ? C_STOP_OUT : q == 34 ? C_STOP_DQ : C_STOP_SQ;
  while (i < end) {
    if (q != 0) i = skipString(buf, end, i, q);
    while (i < end && (load<u8>(cls + load<u8>(buf + i)) & stop) == 0) i++;
    if (i >= end) break;
    const c = <i32>load<u8>(buf + i);
    if (isDigit(c)) {
      const e = digitRunEnd(buf, end, i + 1);
      const len = e - i;
      if (e == end && !final) {
        quote = q;
        if (len > MAX_DIGITS) {
          longRun = true;
          return end;
        }
        return i;
      }
      if (len > MAX_DIGITS || (len < MIN_DIGITS && (i == 0 || load<u8>(buf + i - 1) != 47))) {
        i = e;
        continue;
      }
      if (e + LOOKAHEAD >= end && !final) {
        quote = q;
        return i;
      }
      quote = q;
      candidate(i, e);
      i = e;
      continue;
    }
    if (q != 0) {
      if (c == q) {
        q = 0;
        stop = C_STOP_OUT;
        strClose = base + i;
      } else if (c == 92) {
        if (i + 1 >= end && !final) {
          quote = q;
          return i;
        }
        escAt = base + i + 1;
        i++;
      } else {
        q = 0;
        stop = C_STOP_OUT;
      }
      i++;
      continue;
    }
    switch (c) {
      case 34:
        q = 34;
        stop = C_STOP_DQ;
        strOpen = base + i;
        break;
      case 39:
        q = 39;
        stop = C_STOP_SQ;
        strOpen = base + i;
        break;
      case 123:
        resolveLazy();
        open(OBJ);
        break;
      case 91:
        resolveLazy();
        open(ARR);
        break;
      case 125:
      case 93:
        close();
        break;
      case 58: {
        const top = depth - 1;
        if (i > 0 && load<u8>(buf + i - 1) == 34 && strClose == base + i - 1 && overflow == 0 && top >= 0 && load<u8>(KIND + top) == OBJ) {
          const a = rel(strOpen) + 1;
          if (a < 0 || i - 1 - a > MAX_KEY) {
            setKey(top, 0);
          } else if (load<u8>(DECISION + top) != UNDECIDED || load<u8>(ENTITY + top) != 0) {
            store<u8>(KEYF + top, K_LAZY);
            store<u8>(AFTER + top, 1);
            lazyA = base + a;
            lazyB = base + i - 1;
          } else {
            setKey(top, keyFlags(a, i - 1));
          }
        } else {
          colon(i);
        }
        break;
      }
      default:
        break;
    }
    i++;
  }
  quote = q;
  return end;
}

function candidate(s: i32, e: i32): void {
  const prev = s > 0 ? <i32>load<u8>(BUF + s - 1) : 32;
  if (cls(prev, C_WORD)) {
    if (!(quote != 0 && escAt == base + s - 1 && cls(prev, C_ESCAPE_SEP))) return;
  } else if (prev == 46 && s > 1 && isDigit(load<u8>(BUF + s - 2))) {
    return;
  }
  const next = e < n ? <i32>load<u8>(BUF + e) : 32;
  if (cls(next, C_WORD)) {
    if (!((next == 110 || next == 76) && !(e + 1 < n && cls(load<u8>(BUF + e + 1), C_WORD)))) return;
  } else if (next == 46 && e + 1 < n && isDigit(load<u8>(BUF + e + 1))) {
    return;
  }
  const len = e - s;
  const url = prev == 47 && (len >= MIN_DIGITS || afterStatusSegment(s - 1)) ? urlContext(s - 1) : URL_NONE;
  const v = digitsValue(s, e);
  if (url == URL_STATUS) {
    if (valid(s, e, v)) acceptAt(s, v, Q_ACCEPT);
    else invalid++;
    return;
  }
  if (len < MIN_DIGITS) return;
  if (!valid(s, e, v)) {
    invalid++;
    return;
  }
  if (url == URL_NOT_TWEET) {
    skipped++;
    return;
  }
  const state = jsonState(s, e);
  if (state == Q_SKIP) skipped++;
  else acceptAt(s, v, state);
}

function jsonState(s: i32, e: i32): f64 {
  if (overflow > 0 || depth == 0) return Q_ACCEPT;
  if (quote != 0) {
    if (!(strOpen == base + s - 1 && at(e) == quote)) return Q_ACCEPT;
    let k = e + 1;
    while (k < n && k < e + LOOKAHEAD && isSpace(at(k))) k++;
    if (at(k) == 58) return Q_ACCEPT;
  }
  const top = depth - 1;
  resolveLazy();
  const f = <i32>load<u8>(KEYF + top);
  if (load<u8>(KIND + top) == ARR) return f & K_SKIP ? Q_SKIP : Q_ACCEPT;
  if (!load<u8>(AFTER + top)) return Q_ACCEPT;
  if (f & K_SKIP) return Q_SKIP;
  if (f & K_ID) {
    const decision = load<u8>(DECISION + top);
    if (load<u8>(ENTITY + top) || decision == NOT_TWEET) return Q_SKIP;
    if (decision == TWEET) return Q_ACCEPT;
    return load<f64>(SERIAL + (top << 3));
  }
  return Q_ACCEPT;
}

function open(kind: u8): void {
  if (overflow > 0 || depth == MAX_DEPTH) {
    overflow++;
    return;
  }
  const d = depth;
  let parentKey: i32 = 0;
  if (d > 0) {
    const p = d - 1;
    if (load<u8>(KIND + p) == ARR || load<u8>(AFTER + p)) parentKey = load<u8>(KEYF + p);
  }
  store<u8>(KIND + d, kind);
  store<u8>(AFTER + d, 0);
  store<u8>(DECISION + d, UNDECIDED);
  store<f64>(PEND + (d << 3), -1);
  if (kind == OBJ) {
    store<u8>(KEYF + d, 0);
    store<u8>(ENTITY + d, parentKey & K_ENTITY ? 1 : 0);
    store<f64>(SERIAL + (d << 3), ++serialNext);
  } else {
    store<u8>(KEYF + d, parentKey);
    store<u8>(ENTITY + d, 0);
    store<f64>(SERIAL + (d << 3), 0);
  }
  depth = d + 1;
}

function close(): void {
  if (overflow > 0) {
    overflow--;
    return;
  }
  if (depth == 0) return;
  const top = depth - 1;
  if (load<u8>(KIND + top) == OBJ && load<f64>(PEND + (top << 3)) >= 0) resolveLevel(top, true);
  depth = top;
}

function colon(j: i32): void {
  if (overflow > 0 || depth == 0) return;
  const top = depth - 1;
  if (load<u8>(KIND + top) != OBJ) return;
  if (at(j - 1) == 34 && strClose == base + j - 1) {
    const a = rel(strOpen) + 1;
    setKey(top, a >= 0 && j - 1 - a <= MAX_KEY ? keyFlags(a, j - 1) : 0);
    return;
  }
  let k = j - 1;
  const limit = max(0, j - 16);
  while (k >= limit && isSpace(at(k))) k--;
  let f = 0;
  if (k >= 0) {
    const c = at(k);
    if ((c == 34 || c == 39) && strClose == base + k) {
      const a = rel(strOpen) + 1;
      if (a >= 0 && k - a <= MAX_KEY) f = keyFlags(a, k);
    } else if (cls(c, C_IDENT)) {
      let a = k;
      while (a > 0 && k - a < MAX_KEY && cls(at(a - 1), C_IDENT)) a--;
      if (a == 0 || !cls(at(a - 1), C_IDENT)) f = keyFlags(a, k + 1);
    }
  }
  setKey(top, f);
}

function setKey(top: i32, f: i32): void {
  store<u8>(KEYF + top, f);
  store<u8>(AFTER + top, 1);
  if (load<u8>(DECISION + top) == UNDECIDED && !load<u8>(ENTITY + top) && (f & (K_TWEET | K_NOT_TWEET))) {
    const tweet = (f & K_NOT_TWEET) == 0;
    store<u8>(DECISION + top, tweet ? TWEET : NOT_TWEET);
    if (load<f64>(PEND + (top << 3)) >= 0) resolveLevel(top, tweet);
  }
}

// ---- emission in text order ------------------------------------------------------------------

function acceptAt(s: i32, v: u64, state: f64): void {
  if (state == Q_ACCEPT && qHead == qLen) {
    emit(v, base + s);
    return;
  }
  // Queue it until its object shows its kind.
  if (qLen == qCap) queueGrow();
  const index = qOffset + <f64>qLen;
  const start = base + s;
  store<u64>(QV + (<usize>qLen << 3), v);
  store<i64>(QS + (<usize>qLen << 3), start);
  store<f64>(QST + (<usize>qLen << 3), state);
  qLen++;
  if (state > 0 && load<f64>(PEND + ((depth - 1) << 3)) < 0) store<f64>(PEND + ((depth - 1) << 3), index);
  while (qHead < qLen && load<f64>(QST + (<usize>qHead << 3)) > 0 && start - load<i64>(QS + (<usize>qHead << 3)) > DECIDE_WINDOW) {
    const sv = load<f64>(QST + (<usize>qHead << 3));
    for (let d = 0; d < depth; d++) {
      if (load<f64>(SERIAL + (d << 3)) == sv && load<u8>(KIND + d) == OBJ) {
        store<u8>(DECISION + d, TWEET);
        resolveLevel(d, true);
      }
    }
  }
}

function queueGrow(): void {
  const cap = qCap * 2;
  const qv = alloc(<usize>cap << 3);
  const qs = alloc(<usize>cap << 3);
  const qst = alloc(<usize>cap << 3);
  memory.copy(qv, QV, <usize>qLen << 3);
  memory.copy(qs, QS, <usize>qLen << 3);
  memory.copy(qst, QST, <usize>qLen << 3);
  heap.free(QV);
  heap.free(QS);
  heap.free(QST);
  QV = qv;
  QS = qs;
  QST = qst;
  qCap = cap;
}

function resolveLevel(d: i32, tweet: bool): void {
  const sv = load<f64>(SERIAL + (d << 3));
  const state = tweet ? Q_ACCEPT : Q_SKIP;
  for (let k = <i32>(load<f64>(PEND + (d << 3)) - qOffset); k < qLen; k++) {
    if (load<f64>(QST + (<usize>k << 3)) == sv) store<f64>(QST + (<usize>k << 3), state);
  }
  store<f64>(PEND + (d << 3), -1);
  flush();
}

function flush(): void {
  let h = qHead;
  const len = qLen;
  while (h < len && load<f64>(QST + (<usize>h << 3)) <= 0) {
    if (load<f64>(QST + (<usize>h << 3)) == Q_ACCEPT) emit(load<u64>(QV + (<usize>h << 3)), load<i64>(QS + (<usize>h << 3)));
    else skipped++;
    h++;
  }
  if (h == len) {
    if (len == 0) return;
    qOffset += <f64>len;
    qLen = 0;
    h = 0;
  } else if (h > 4096 && h * 2 > len) {
    qOffset += <f64>h;
    memory.copy(QV, QV + (<usize>h << 3), <usize>(len - h) << 3);
    memory.copy(QS, QS + (<usize>h << 3), <usize>(len - h) << 3);
    memory.copy(QST, QST + (<usize>h << 3), <usize>(len - h) << 3);
    qLen = len - h;
    h = 0;
  }
  qHead = h;
}

// ---- two threads (see finderWasm.ts: scanFileWasm) -------------------------------------------

/**
 * Whether everything up to the absolute offset pos was scanned (nothing held back) and the state
 * there is the start state: a fresh scan of the rest then gives what this scanner would, up to
 * which IDs were already seen (mergeText settles that).
 */
export function atTopLevel(pos: f64): bool {
  return resume == <i64>pos && !ended && depth == 0 && overflow == 0 && quote == 0 && !longRun && qHead == qLen;
}

/** Adds the other thread's counts for the rest of the input. */
export function mergeStats(dup: f64, inv: f64, skip: f64): void {
  duplicates += dup;
  invalid += inv;
  skipped += skip;
}

/** Where JavaScript writes len bytes of the other thread's output for mergeText. */
export function mergePtr(len: i32): usize {
  if (len > mergeCap) {
    if (MERGE) heap.free(MERGE);
    MERGE = alloc(<usize>len);
    mergeCap = len;
  }
  return MERGE;
}

/**
 * The other thread's new IDs (its output text, in its order) as if this scanner had found them:
 * new here, they count as found and go to the output; else they count as duplicates.
 */
export function mergeText(len: i32): void {
  let v: u64 = 0;
  for (let k = 0; k < len; k++) {
    const c = <u32>load<u8>(MERGE + k);
    if (c == 10) {
      emit(v, 0);
      v = 0;
    } else {
      v = v * 10 + (c - 48);
    }
  }
}
