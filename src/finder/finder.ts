// Tweet ID finder: one pass over UTF-8 bytes, linear time, no regular expressions.
//
// General rule: a standalone run of 15–19 ASCII digits (not glued to [0-9A-Za-z_], not part of a
// decimal) whose snowflake time lies between 2010-11-04 and `now` is a Tweet ID. A digit run right
// after `/status/` or `/statuses/` in a twitter.com / x.com URL is an ID whatever its length.
//
// On top of that sits a lexical JSON context tracker (not a parser; it never fails): a stack of
// object/array contexts with the current key, so user and media IDs in Tweet exports are skipped.
// Everything is decided from bounded look-behinds plus small state, so a chunked stream gives
// exactly the same result as one big string.

export interface TweetIdMatch {
  id: string;
  start: number;
  end: number;
}

export interface FinderOptions {
  /** ms since the epoch; snowflakes newer than this are invalid. Default Date.now(). */
  now?: number;
}

/** What a scan counted: new IDs, repeats, digit runs that are not valid IDs, IDs skipped by context. */
export type ScanStats = { found: number; duplicates: number; invalid: number; skipped: number };

export interface FindResult {
  ids: string[];
  matches: TweetIdMatch[];
  duplicates: number;
  invalid: number;
  skipped: number;
}

/**
 * The scanner internals, built by a factory that refers to nothing outside its own body (only
 * globals like Buffer and BigInt). src/finder/assembly/finder.ts is a port of ScanCore to WebAssembly (for
 * the CLI's bulk scans) and takes its byte classes and keys from `tables`; tests hold the two equal.
 */
export function finderCore() {
  const TWEPOCH = 1288834974657;
  const SNOWFLAKE_START = Date.UTC(2010, 10, 4);
  const MIN_DIGITS = 15;
  const MAX_DIGITS = 19;
  const MAX_ID = Buffer.from('9223372036854775807', 'latin1');
  const EMPTY = Buffer.alloc(0);
  /** Bytes kept before the resume point so every look-behind below has its context. */
  const CONTEXT = 320;
  /** A status URL must start at most this many bytes before its ID. */
  const URL_LOOKBACK = 256;
  /** How far an `id` may wait for its object to show whether it is a Tweet (bounds memory). */
  const DECIDE_WINDOW = 1 << 20;
  const MAX_DEPTH = 256;
  /** Bytes a digit run's decision may look at after its end (decimal point, suffix, `":`). */
  const LOOKAHEAD = 8;

  // ---- byte classes -------------------------------------------------------------------------

  const WORD = new Uint8Array(256); // [0-9A-Za-z_]: glues a digit run into a longer token
  const IDENT = new Uint8Array(256); // unquoted object keys in JS/Python literals
  const STOP_OUT = new Uint8Array(256); // bytes the scanner must look at outside strings
  const STOP_DQ = new Uint8Array(256); // ... inside "strings"
  const STOP_SQ = new Uint8Array(256); // ... inside 'strings'
  const URL_BREAK = new Uint8Array(256); // bytes that cannot be inside a URL token
  const ESCAPE_SEP = new Uint8Array(256); // \n \t \r \b \f in a JSON string separate like whitespace
  for (let c = 0; c < 256; c++) {
    const digit = c >= 48 && c <= 57;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    WORD[c] = digit || letter || c === 95 ? 1 : 0;
    IDENT[c] = WORD[c] || c === 36 ? 1 : 0;
    STOP_OUT[c] = digit || '"\'{}[]:'.includes(String.fromCharCode(c)) ? 1 : 0;
    STOP_DQ[c] = digit || c === 34 || c === 92 || c === 10 ? 1 : 0;
    STOP_SQ[c] = digit || c === 39 || c === 92 || c === 10 ? 1 : 0;
    URL_BREAK[c] = c <= 32 || c >= 127 || '"\'<>()[]{}|^`,;'.includes(String.fromCharCode(c)) ? 1 : 0;
    ESCAPE_SEP[c] = 'ntrbf'.includes(String.fromCharCode(c)) && c !== 0 ? 1 : 0;
  }

  function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
  }

  function isSpace(c: number): boolean {
    return c === 32 || c === 9 || c === 10 || c === 13;
  }

  // ---- JSON keys ------------------------------------------------------------------------------

  /** The value (or array of values) under this key is a user, media, poll… ID. */
  const K_SKIP = 1;
  /** Objects under this key (or in an array under it) are users, media, mentions…, not Tweets. */
  const K_ENTITY = 2;
  /** `id` / `id_str`: a Tweet ID only if its object is a Tweet. */
  const K_ID = 4;
  /** An object with this key is a Tweet. */
  const K_TWEET = 8;
  /** An object with this key is not a Tweet (user, media, list, poll, annotation…). */
  const K_NOT_TWEET = 16;
  /** Not looked up yet (the object's kind is settled, so only the value needs the flags). */
  const K_LAZY = 128;

  const KEY_TABLE: Array<[number, string[]]> = [
    [K_ID, ['id', 'id_str']],
    [K_SKIP | K_TWEET, ['author_id', 'in_reply_to_user_id', 'in_reply_to_user_id_str']],
    [K_SKIP | K_NOT_TWEET, ['media_key']],
    [
      K_SKIP,
      [
        'user_id',
        'user_id_str',
        'media_keys',
        'source_user_id',
        'source_user_id_str',
        'poll_ids',
        'sender_id',
        'sender_id_str',
        'recipient_id',
        'recipient_id_str',
        'participant_ids',
        'owner_id',
        'creator_id',
        'host_ids',
        'speaker_ids',
        'invited_user_ids',
        'list_id',
        'accountId',
        'userId',
        'authorId',
        'senderId',
        'recipientId',
        'mediaKey',
      ],
    ],
    [
      K_ENTITY,
      ['user', 'users', 'author', 'media', 'mentions', 'user_mentions', 'polls', 'places', 'place', 'lists', 'list', 'entity', 'domain', 'sender', 'recipient', 'matching_rules'],
    ],
    [
      K_TWEET,
      [
        'text',
        'full_text',
        'retweet_count',
        'favorite_count',
        'favorited',
        'retweeted',
        'truncated',
        'is_quote_status',
        'in_reply_to_status_id',
        'in_reply_to_status_id_str',
        'conversation_id',
        'edit_history_tweet_ids',
        'referenced_tweets',
        'display_text_range',
        'source',
        'reply_settings',
      ],
    ],
    [
      K_NOT_TWEET,
      [
        'name',
        'screen_name',
        'username',
        'description',
        'followers_count',
        'friends_count',
        'statuses_count',
        'profile_image_url',
        'profile_image_url_https',
        'indices',
        'media_url',
        'media_url_https',
        'member_count',
        'subscriber_count',
        'options',
        'voting_status',
        'tag',
      ],
    ],
  ];

  /**
   * Key lookup without allocating: a direct-mapped table hashed on length, first, second and last
   * byte, chained on collision; a hit is confirmed byte by byte. Most keys miss on the first probe.
   */
  const MAX_KEY = 40;
  const KEY_SLOTS = 4096;
  const keyHead = new Int16Array(KEY_SLOTS).fill(-1);
  const keyNext: number[] = [];
  const keyNames: Buffer[] = [];
  const keyValues: number[] = [];

  function keySlot(len: number, first: number, second: number, last: number): number {
    return (len * 97 + first * 31 + second * 7 + last * 131) & (KEY_SLOTS - 1);
  }

  for (const [flags, names] of KEY_TABLE) {
    for (const name of names) {
      const b = Buffer.from(name, 'latin1');
      const slot = keySlot(b.length, b[0], b[1], b[b.length - 1]);
      keyNext.push(keyHead[slot]);
      keyHead[slot] = keyNames.length;
      keyNames.push(b);
      keyValues.push(flags);
    }
  }

  function keyFlags(buf: Buffer, a: number, b: number): number {
    const len = b - a;
    if (len < 2 || len > MAX_KEY) return 0;
    for (let k = keyHead[keySlot(len, buf[a], buf[a + 1], buf[b - 1])]; k >= 0; k = keyNext[k]) {
      const name = keyNames[k];
      if (name.length !== len) continue;
      let j = 0;
      while (j < len && buf[a + j] === name[j]) j++;
      if (j === len) return keyValues[k];
    }
    return 0;
  }

  // ---- URLs -----------------------------------------------------------------------------------

  const H_NONE = 0;
  const H_EXPECT = 1; // after `scheme://`
  const H_TWITTER = 2;
  const H_TWIMG = 3;
  const H_OTHER = 4;

  const URL_NONE = 0; // not a URL we know: general rules
  const URL_STATUS = 1; // twitter.com/…/status/<id>
  const URL_NOT_TWEET = 2; // twitter.com/i/user/<id>, pbs.twimg.com/…/<media id>/…

  function matchesLower(buf: Buffer, a: number, text: string): boolean {
    for (let j = 0; j < text.length; j++) if ((buf[a + j] | 0x20) !== text.charCodeAt(j)) return false;
    return true;
  }

  function classifyHost(buf: Buffer, a: number, b: number): number {
    if (b - a > 64) return H_OTHER;
    for (const prefix of ['www.', 'mobile.', 'm.']) {
      if (b - a > prefix.length && matchesLower(buf, a, prefix)) {
        a += prefix.length;
        break;
      }
    }
    const len = b - a;
    if ((len === 11 && matchesLower(buf, a, 'twitter.com')) || (len === 5 && matchesLower(buf, a, 'x.com'))) {
      return H_TWITTER;
    }
    if (len >= 9 && matchesLower(buf, b - 9, 'twimg.com') && (len === 9 || buf[b - 10] === 46)) return H_TWIMG;
    return H_OTHER;
  }

  function isStatusSegment(buf: Buffer, a: number, b: number): boolean {
    return (b - a === 6 && matchesLower(buf, a, 'status')) || (b - a === 8 && matchesLower(buf, a, 'statuses'));
  }

  /** Whether `status/`, `statuses/` or `status\\/` ends at the slash buf[slash]. */
  function afterStatusSegment(buf: Buffer, slash: number): boolean {
    let k = slash;
    if (k > 0 && buf[k - 1] === 92) k--;
    if (k >= 8 && matchesLower(buf, k - 8, 'statuses')) return true;
    return k >= 6 && matchesLower(buf, k - 6, 'status');
  }

  interface Latin1Slicer {
    latin1Slice(start: number, end: number): string;
  }

  /** Buffer#latin1Slice skips toString's argument and encoding handling (IDs are ASCII digits). */
  function latin1(buf: Buffer, s: number, e: number): string {
    return (buf as unknown as Latin1Slicer).latin1Slice(s, e);
  }

  // ---- snowflakes -----------------------------------------------------------------------------

  /** Snowflake creation time in ms, or undefined for pre-snowflake/invalid IDs. */
  function snowflakeTime(id: string): number | undefined {
    if (id.length < MIN_DIGITS || id.length > MAX_DIGITS || id.charCodeAt(0) === 48) return undefined;
    for (let k = 0; k < id.length; k++) if (!isDigit(id.charCodeAt(k))) return undefined;
    if (id.length === MAX_DIGITS && id > MAX_ID.toString('latin1')) return undefined;
    return Number((BigInt(id) >> 22n) + BigInt(TWEPOCH));
  }

  // ---- the scanner core -----------------------------------------------------------------------

  type Sink = (id: string, start: number, end: number, isNew: boolean) => void;

  const OBJ = 1;
  const ARR = 2;
  const UNDECIDED = 0;
  const TWEET = 1;
  const NOT_TWEET = 2;

  /** Queue states: 0 accept, -1 skip, >0 waiting for the object with that serial. */
  const Q_ACCEPT = 0;
  const Q_SKIP = -1;

  /**
   * The set of IDs seen so far, keyed on their digits without building strings: an ID (no leading
   * zero, at most 19 digits) is (hi, lo) = (the digits before the last nine, the last nine digits),
   * both exact in a double. Open addressing, linear probing, load factor at most 1/2.
   */
  class IdSet {
    private hi = new Float64Array(8192).fill(-1);
    private lo = new Int32Array(8192);
    private mask = 8191;
    private count = 0;

    /** Adds the ID with digits buf[s..e); whether it was new. */
    addDigits(buf: Uint8Array, s: number, e: number): boolean {
      const m = e - 9 > s ? e - 9 : s;
      let hi = 0;
      for (let k = s; k < m; k++) hi = hi * 10 + (buf[k] - 48);
      let lo = 0;
      for (let k = m; k < e; k++) lo = lo * 10 + (buf[k] - 48);
      return this.add(hi, lo);
    }

    addString(id: string): boolean {
      const e = id.length;
      const m = e - 9 > 0 ? e - 9 : 0;
      let hi = 0;
      for (let k = 0; k < m; k++) hi = hi * 10 + (id.charCodeAt(k) - 48);
      let lo = 0;
      for (let k = m; k < e; k++) lo = lo * 10 + (id.charCodeAt(k) - 48);
      return this.add(hi, lo);
    }

    private add(hi: number, lo: number): boolean {
      const his = this.hi;
      const mask = this.mask;
      let k = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi % 1000000007, 0x85ebca6b)) >>> 0;
      k = (k ^ (k >>> 15)) & mask;
      for (;;) {
        const h = his[k];
        if (h === -1) break;
        if (h === hi && this.lo[k] === lo) return false;
        k = (k + 1) & mask;
      }
      his[k] = hi;
      this.lo[k] = lo;
      if (++this.count * 2 > mask) this.grow();
      return true;
    }

    private grow(): void {
      const oldHi = this.hi;
      const oldLo = this.lo;
      this.hi = new Float64Array(oldHi.length * 2).fill(-1);
      this.lo = new Int32Array(oldHi.length * 2);
      this.mask = oldHi.length * 2 - 1;
      this.count = 0;
      for (let k = 0; k < oldHi.length; k++) if (oldHi[k] !== -1) this.add(oldHi[k], oldLo[k]);
    }
  }

  class ScanCore {
    readonly stats = { found: 0, duplicates: 0, invalid: 0, skipped: 0 };
    private readonly seen = new IdSet();

    // Stream position: `carry` holds context bytes plus any held-back tail; offsets are absolute.
    private carry: Buffer = EMPTY;
    private carryBase = 0;
    private resume = 0;
    private longRun = false;
    private ended = false;

    // Strings.
    private quote = 0;
    private strOpen = -1;
    private strClose = -1;
    private escAt = -1;

    // Containers.
    private depth = 0;
    private overflow = 0;
    private serialNext = 0;
    private readonly kind = new Uint8Array(MAX_DEPTH);
    private readonly keyf = new Uint8Array(MAX_DEPTH);
    private readonly afterColon = new Uint8Array(MAX_DEPTH);
    private readonly entity = new Uint8Array(MAX_DEPTH);
    private readonly decision = new Uint8Array(MAX_DEPTH);
    private readonly serial = new Float64Array(MAX_DEPTH);

    // The key (absolute [lazyA, lazyB)) of the top level while its flags are K_LAZY.
    private lazyA = 0;
    private lazyB = 0;

    // Matches waiting (in text order) for an object to show whether it is a Tweet.
    private qId: string[] = [];
    private qStart: number[] = [];
    private qEnd: number[] = [];
    private qState: number[] = [];
    private qHead = 0;
    /** Absolute queue index of the first match waiting on the object at each level, or -1. */
    private readonly pendFirst = new Float64Array(MAX_DEPTH);
    private qOffset = 0;

    // URL token cache.
    private brkScan = 0;
    private lastBrk = -1;
    private uTok = -2;
    private uPos = 0;
    private uSeg = 0;
    private uHost = H_NONE;
    private uStatus = false;
    private uFirst = true;

    /** allMatches: the sink wants every occurrence; otherwise only new IDs get a string. */
    constructor(
      private readonly sink: Sink,
      private readonly now: number,
      private readonly allMatches: boolean,
    ) {}

    feed(chunk: Buffer, final: boolean): void {
      if (this.ended) throw new Error('TweetIdScanner: write after end');
      const chunkBase = this.carryBase + this.carry.length;
      if (this.carry.length > 0 && chunk.length > 4 * CONTEXT) {
        // Scan the seam in a small joined buffer, then the rest of the chunk in place: no big copy.
        this.step(Buffer.concat([this.carry, chunk.subarray(0, 2 * CONTEXT)]), this.carryBase, false);
        this.step(chunk, chunkBase, final);
      } else {
        this.step(this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]), this.carryBase, final);
      }
      if (final) {
        this.ended = true;
        this.carry = EMPTY;
        for (let d = this.depth - 1; d >= 0; d--) if (this.pendFirst[d] >= 0) this.resolveLevel(d, true);
        this.flush();
      }
    }

    private step(buf: Buffer, base: number, final: boolean): void {
      const stop = this.scan(buf, base, this.resume - base, final);
      const keepFrom = Math.max(0, stop - CONTEXT);
      this.carry = Buffer.from(buf.subarray(keepFrom));
      this.carryBase = base + keepFrom;
      this.resume = base + stop;
    }

    private scan(buf: Buffer, base: number, i: number, final: boolean): number {
      const stop = this.scanBytes(buf, base, i, final);
      this.resolveLazy(buf, base); // the key bytes may not be kept past this buffer
      return stop;
    }

    /** Looks up the top level's key if that was put off. */
    private resolveLazy(buf: Buffer, base: number): void {
      const top = this.depth - 1;
      if (top >= 0 && this.keyf[top] === K_LAZY) this.keyf[top] = keyFlags(buf, this.lazyA - base, this.lazyB - base);
    }

    /** Scans buf[i..] and returns where to resume (a held-back digit run or escape), or buf.length. */
    private scanBytes(buf: Buffer, base: number, i: number, final: boolean): number {
      const n = buf.length;
      if (this.longRun) {
        while (i < n && isDigit(buf[i])) i++;
        if (i >= n && !final) return n;
        this.longRun = false;
      }
      let quote = this.quote;
      let table = quote === 0 ? STOP_OUT : quote === 34 ? STOP_DQ : STOP_SQ;
      while (i < n) {
        while (i < n && table[buf[i]] === 0) i++;
        if (i >= n) break;
        const c = buf[i];
        if (c >= 48 && c <= 57) {
          let e = i + 1;
          while (e < n && buf[e] >= 48 && buf[e] <= 57) e++;
          const len = e - i;
          if (e === n && !final) {
            this.quote = quote;
            if (len > MAX_DIGITS) {
              this.longRun = true;
              return n;
            }
            return i;
          }
          if (len > MAX_DIGITS || (len < MIN_DIGITS && (i === 0 || buf[i - 1] !== 47))) {
            i = e;
            continue;
          }
          if (e + LOOKAHEAD >= n && !final) {
            this.quote = quote;
            return i;
          }
          this.quote = quote;
          this.candidate(buf, base, i, e);
          i = e;
          continue;
        }
        if (quote !== 0) {
          if (c === quote) {
            quote = 0;
            table = STOP_OUT;
            this.strClose = base + i;
          } else if (c === 92) {
            if (i + 1 >= n && !final) {
              this.quote = quote;
              return i;
            }
            this.escAt = base + i + 1;
            i++;
          } else {
            quote = 0; // newline: JSON strings never span lines
            table = STOP_OUT;
          }
          i++;
          continue;
        }
        switch (c) {
          case 34:
            quote = 34;
            table = STOP_DQ;
            this.strOpen = base + i;
            break;
          case 39:
            quote = 39;
            table = STOP_SQ;
            this.strOpen = base + i;
            break;
          case 123:
            this.resolveLazy(buf, base);
            this.open(OBJ);
            break;
          case 91:
            this.resolveLazy(buf, base);
            this.open(ARR);
            break;
          case 125:
          case 93:
            this.close();
            break;
          case 58: {
            // Fast path for `"key":` in an object; everything else goes through colon().
            const top = this.depth - 1;
            if (buf[i - 1] === 34 && this.strClose === base + i - 1 && this.overflow === 0 && top >= 0 && this.kind[top] === OBJ) {
              const a = this.strOpen - base + 1;
              if (a < 0 || i - 1 - a > MAX_KEY) {
                this.setKey(top, 0);
              } else if (this.decision[top] !== UNDECIDED || this.entity[top]) {
                // The key cannot change the object's kind: look it up only if its value needs it.
                this.keyf[top] = K_LAZY;
                this.afterColon[top] = 1;
                this.lazyA = base + a;
                this.lazyB = base + i - 1;
              } else {
                this.setKey(top, keyFlags(buf, a, i - 1));
              }
            } else {
              this.colon(buf, base, i);
            }
            break;
          }
          // Commas are not tracked: a key is recognised by the colon after it.
        }
        i++;
      }
      this.quote = quote;
      return n;
    }

    /** A digit run buf[s..e) that may be an ID; buf[e] and buf[e+1] are available unless at the end. */
    private candidate(buf: Buffer, base: number, s: number, e: number): void {
      const n = buf.length;
      const prev = s > 0 ? buf[s - 1] : 32;
      if (WORD[prev]) {
        if (!(this.quote !== 0 && this.escAt === base + s - 1 && ESCAPE_SEP[prev])) return;
      } else if (prev === 46 && s > 1 && isDigit(buf[s - 2])) {
        return; // 0.1234…
      }
      const next = e < n ? buf[e] : 32;
      if (WORD[next]) {
        // 1234…n (JS BigInt) and 1234…L (Java/Kotlin long) literals.
        if (!((next === 110 || next === 76) && !(e + 1 < n && WORD[buf[e + 1]]))) return;
      } else if (next === 46 && e + 1 < n && isDigit(buf[e + 1])) {
        return; // 1234….5
      }
      const len = e - s;
      // Short runs matter only right after status/ or statuses/, so most skip the URL look-behind.
      const url = prev === 47 && (len >= MIN_DIGITS || afterStatusSegment(buf, s - 1)) ? this.urlContext(buf, base, s - 1) : URL_NONE;
      if (url === URL_STATUS) {
        if (this.valid(buf, s, e)) this.acceptAt(buf, base, s, e, Q_ACCEPT);
        else this.stats.invalid++;
        return;
      }
      if (len < MIN_DIGITS) return;
      if (!this.valid(buf, s, e)) {
        this.stats.invalid++;
        return;
      }
      if (url === URL_NOT_TWEET) {
        this.stats.skipped++;
        return;
      }
      const state = this.jsonState(buf, base, s, e);
      if (state === Q_SKIP) this.stats.skipped++;
      else this.acceptAt(buf, base, s, e, state);
    }

    /** No leading zero, at most 2^63-1, and (15+ digits) a snowflake time up to `now`. */
    private valid(buf: Buffer, s: number, e: number): boolean {
      if (buf[s] === 48) return false;
      const len = e - s;
      if (len === MAX_DIGITS) {
        for (let k = 0; k < MAX_DIGITS; k++) {
          const d = buf[s + k] - MAX_ID[k];
          if (d !== 0) {
            if (d > 0) return false;
            break;
          }
        }
      }
      if (len < MIN_DIGITS) return true; // pre-snowflake IDs, only reached from status URLs
      let v = 0;
      for (let k = s; k < e; k++) v = v * 10 + (buf[k] - 48);
      let t = Math.floor(v / 4194304) + TWEPOCH; // float error is far below 1 ms here
      if (Math.abs(t - this.now) <= 2) t = Number((BigInt(latin1(buf, s, e)) >> 22n) + BigInt(TWEPOCH));
      return t >= SNOWFLAKE_START && t <= this.now;
    }

    // ---- JSON context ----

    /** Q_ACCEPT, Q_SKIP, or the serial of the object whose kind decides. */
    private jsonState(buf: Buffer, base: number, s: number, e: number): number {
      if (this.overflow > 0 || this.depth === 0) return Q_ACCEPT;
      if (this.quote !== 0) {
        if (!(this.strOpen === base + s - 1 && buf[e] === this.quote)) return Q_ACCEPT;
        let k = e + 1;
        while (k < buf.length && k < e + LOOKAHEAD && isSpace(buf[k])) k++;
        if (buf[k] === 58) return Q_ACCEPT; // an object key like {"1234…": …}
      }
      const top = this.depth - 1;
      this.resolveLazy(buf, base);
      const f = this.keyf[top];
      if (this.kind[top] === ARR) return f & K_SKIP ? Q_SKIP : Q_ACCEPT;
      if (!this.afterColon[top]) return Q_ACCEPT; // an object key like {"1234…": …}
      if (f & K_SKIP) return Q_SKIP;
      if (f & K_ID) {
        if (this.entity[top] || this.decision[top] === NOT_TWEET) return Q_SKIP;
        if (this.decision[top] === TWEET) return Q_ACCEPT;
        return this.serial[top];
      }
      return Q_ACCEPT;
    }

    private open(kind: number): void {
      if (this.overflow > 0 || this.depth === MAX_DEPTH) {
        this.overflow++;
        return;
      }
      const d = this.depth;
      let parentKey = 0;
      if (d > 0) {
        const p = d - 1;
        if (this.kind[p] === ARR || this.afterColon[p]) parentKey = this.keyf[p];
      }
      this.kind[d] = kind;
      this.afterColon[d] = 0;
      this.decision[d] = UNDECIDED;
      this.pendFirst[d] = -1;
      if (kind === OBJ) {
        this.keyf[d] = 0;
        this.entity[d] = parentKey & K_ENTITY ? 1 : 0;
        this.serial[d] = ++this.serialNext;
      } else {
        this.keyf[d] = parentKey; // array elements take the key the array is the value of
        this.entity[d] = 0;
        this.serial[d] = 0;
      }
      this.depth = d + 1;
    }

    private close(): void {
      if (this.overflow > 0) {
        this.overflow--;
        return;
      }
      if (this.depth === 0) return;
      const top = this.depth - 1;
      if (this.kind[top] === OBJ && this.pendFirst[top] >= 0) this.resolveLevel(top, true);
      this.depth = top;
    }

    private colon(buf: Buffer, base: number, j: number): void {
      if (this.overflow > 0 || this.depth === 0) return;
      const top = this.depth - 1;
      if (this.kind[top] !== OBJ) return;
      if (buf[j - 1] === 34 && this.strClose === base + j - 1) {
        const a = this.strOpen - base + 1; // fast path: "key":
        this.setKey(top, a >= 0 && j - 1 - a <= MAX_KEY ? keyFlags(buf, a, j - 1) : 0);
        return;
      }
      let k = j - 1;
      const limit = Math.max(0, j - 16);
      while (k >= limit && isSpace(buf[k])) k--;
      let f = 0;
      if (k >= 0) {
        const c = buf[k];
        if ((c === 34 || c === 39) && this.strClose === base + k) {
          const a = this.strOpen - base + 1;
          if (a >= 0 && k - a <= MAX_KEY) f = keyFlags(buf, a, k);
        } else if (IDENT[c]) {
          let a = k;
          while (a > 0 && k - a < MAX_KEY && IDENT[buf[a - 1]]) a--;
          if (a === 0 || !IDENT[buf[a - 1]]) f = keyFlags(buf, a, k + 1);
        }
      }
      this.setKey(top, f);
    }

    private setKey(top: number, f: number): void {
      this.keyf[top] = f;
      this.afterColon[top] = 1;
      if (this.decision[top] === UNDECIDED && !this.entity[top] && f & (K_TWEET | K_NOT_TWEET)) {
        const tweet = (f & K_NOT_TWEET) === 0;
        this.decision[top] = tweet ? TWEET : NOT_TWEET;
        if (this.pendFirst[top] >= 0) this.resolveLevel(top, tweet);
      }
    }

    // ---- emission in text order ----

    /** accept() for the digits buf[s..e): with nothing queued, no string unless needed. */
    private acceptAt(buf: Buffer, base: number, s: number, e: number, state: number): void {
      if (state === Q_ACCEPT && this.qHead === this.qId.length) {
        const isNew = this.seen.addDigits(buf, s, e);
        if (isNew) this.stats.found++;
        else this.stats.duplicates++;
        if (isNew || this.allMatches) this.sink(latin1(buf, s, e), base + s, base + e, isNew);
        return;
      }
      this.accept(latin1(buf, s, e), base + s, base + e, state);
    }

    private accept(id: string, start: number, end: number, state: number): void {
      if (state === Q_ACCEPT && this.qHead === this.qId.length) {
        this.emit(id, start, end);
        return;
      }
      const index = this.qOffset + this.qId.length;
      this.qId.push(id);
      this.qStart.push(start);
      this.qEnd.push(end);
      this.qState.push(state);
      if (state > 0 && this.pendFirst[this.depth - 1] < 0) this.pendFirst[this.depth - 1] = index;
      // An object that has not shown its kind within DECIDE_WINDOW bytes counts as a Tweet.
      while (this.qHead < this.qId.length && this.qState[this.qHead] > 0 && start - this.qStart[this.qHead] > DECIDE_WINDOW) {
        const s = this.qState[this.qHead];
        for (let d = 0; d < this.depth; d++) {
          if (this.serial[d] === s && this.kind[d] === OBJ) {
            this.decision[d] = TWEET;
            this.resolveLevel(d, true);
          }
        }
      }
    }

    /** Settles the matches waiting on the object at level d, then emits what became ready. */
    private resolveLevel(d: number, tweet: boolean): void {
      const serial = this.serial[d];
      const state = tweet ? Q_ACCEPT : Q_SKIP;
      const qState = this.qState;
      for (let k = this.pendFirst[d] - this.qOffset; k < qState.length; k++) if (qState[k] === serial) qState[k] = state;
      this.pendFirst[d] = -1;
      this.flush();
    }

    private flush(): void {
      let h = this.qHead;
      const len = this.qId.length;
      while (h < len && this.qState[h] <= 0) {
        if (this.qState[h] === Q_ACCEPT) this.emit(this.qId[h], this.qStart[h], this.qEnd[h]);
        else this.stats.skipped++;
        h++;
      }
      if (h === len) {
        if (len === 0) return;
        this.qOffset += len;
        this.qId.length = 0;
        this.qStart.length = 0;
        this.qEnd.length = 0;
        this.qState.length = 0;
        h = 0;
      } else if (h > 4096 && h * 2 > len) {
        this.qOffset += h;
        this.qId = this.qId.slice(h);
        this.qStart = this.qStart.slice(h);
        this.qEnd = this.qEnd.slice(h);
        this.qState = this.qState.slice(h);
        h = 0;
      }
      this.qHead = h;
    }

    private emit(id: string, start: number, end: number): void {
      const isNew = this.seen.addString(id);
      if (isNew) this.stats.found++;
      else this.stats.duplicates++;
      if (isNew || this.allMatches) this.sink(id, start, end, isNew);
    }

    // ---- URL context ----

    /**
     * What the URL token ending with the slash at buf[slash] says about the digits after it.
     * Deterministic in the bytes: the token must start within URL_LOOKBACK bytes; a cache keeps
     * the cost linear when many runs follow slashes in one token.
     */
    private urlContext(buf: Buffer, base: number, slash: number): number {
      const p = base + slash;
      // The latest URL-breaking byte before the slash; bytes before brkScan were searched already.
      const from = Math.max(this.brkScan, p - URL_LOOKBACK) - base;
      for (let x = slash - 1; x >= from; x--) {
        if (URL_BREAK[buf[x]]) {
          this.lastBrk = base + x;
          break;
        }
      }
      if (p > this.brkScan) this.brkScan = p;
      if (p - this.lastBrk > URL_LOOKBACK) return URL_NONE;
      const tok = this.lastBrk + 1;
      if (this.uTok !== tok) {
        this.uTok = tok;
        this.uPos = tok;
        this.uSeg = tok;
        this.uHost = H_NONE;
        this.uStatus = false;
        this.uFirst = true;
      }
      for (let x = this.uPos - base; x <= slash; x++) if (buf[x] === 47) this.segmentEnd(buf, base, base + x);
      if (p + 1 > this.uPos) this.uPos = p + 1;
      if (this.uHost === H_TWITTER) return this.uStatus ? URL_STATUS : URL_NOT_TWEET;
      return this.uHost === H_TWIMG ? URL_NOT_TWEET : URL_NONE;
    }

    private segmentEnd(buf: Buffer, base: number, x: number): void {
      const a = this.uSeg - base;
      let b = x - base;
      if (b > a && buf[b - 1] === 92) b--; // JSON-escaped slash: https:\/\/twitter.com\/…
      const len = b - a;
      if (this.uHost === H_EXPECT) {
        if (len > 0) this.uHost = classifyHost(buf, a, b);
      } else if (len > 0 && buf[b - 1] === 58) {
        this.uHost = H_EXPECT; // scheme, also nested: web.archive.org/web/…/https://twitter.com/…
      } else if (this.uFirst) {
        this.uHost = len > 0 ? classifyHost(buf, a, b) : H_NONE;
      } else {
        this.uStatus = isStatusSegment(buf, a, b);
      }
      if (this.uFirst || this.uHost === H_EXPECT) this.uStatus = false;
      this.uFirst = false;
      this.uSeg = x + 1;
    }
  }

  return {
    ScanCore,
    snowflakeTime,
    EMPTY,
    /** For the WebAssembly port (finderWasm.ts): one source for byte classes and keys. */
    tables: { WORD, IDENT, STOP_OUT, STOP_DQ, STOP_SQ, URL_BREAK, ESCAPE_SEP, KEY_TABLE },
  };
}

const core = finderCore();
const { ScanCore, EMPTY } = core;
/** Windows in which findTweetIds encodes a string, so a huge string is never copied whole. */
const STRING_WINDOW = 1 << 20;

/** Snowflake creation time in ms, or undefined for pre-snowflake/invalid IDs. */
export { snowflakeTime } from '../shared/tweetId';

export type ScanCoreType = InstanceType<typeof ScanCore>;

export function nowOf(options: FinderOptions | undefined): number {
  return options?.now ?? Date.now();
}

/** Maps UTF-8 byte offsets of the encoded text back to UTF-16 offsets, moving forward only. */
class OffsetMap {
  private identityEnd = Infinity;
  private cursorByte = 0;
  private cursorChar = 0;
  private bytesSeen = 0;

  constructor(private readonly text: string) {}

  noteWindow(charStart: number, charEnd: number, byteLength: number): void {
    if (this.identityEnd === Infinity && byteLength !== charEnd - charStart) {
      this.identityEnd = this.bytesSeen;
      this.cursorByte = this.cursorChar = this.bytesSeen;
    }
    this.bytesSeen += byteLength;
  }

  toChar(byte: number): number {
    if (byte <= this.identityEnd) return byte;
    const text = this.text;
    let b = this.cursorByte;
    let c = this.cursorChar;
    while (b < byte) {
      const u = text.charCodeAt(c);
      if (u < 0x80) {
        b++;
        c++;
      } else if (u < 0x800) {
        b += 2;
        c++;
      } else if (u >= 0xd800 && u <= 0xdbff && c + 1 < text.length && (text.charCodeAt(c + 1) & 0xfc00) === 0xdc00) {
        b += 4;
        c += 2;
      } else {
        b += 3;
        c++;
      }
    }
    this.cursorByte = b;
    this.cursorChar = c;
    return c;
  }
}

/** Finds the Tweet IDs in a text: unique IDs in first-seen order plus every occurrence. */
export function findTweetIds(text: string, options?: FinderOptions): FindResult {
  const ids: string[] = [];
  const matches: TweetIdMatch[] = [];
  const map = new OffsetMap(text);
  const core = new ScanCore(
    (id, start, end, isNew) => {
      if (isNew) ids.push(id);
      matches.push({ id, start: map.toChar(start), end: map.toChar(end) });
    },
    nowOf(options),
    true,
  );
  for (let a = 0; a < text.length;) {
    let b = Math.min(text.length, a + STRING_WINDOW);
    const last = text.charCodeAt(b - 1);
    if (b < text.length && b - 1 > a && last >= 0xd800 && last <= 0xdbff) b--; // keep surrogate pairs whole
    const chunk = Buffer.from(text.slice(a, b), 'utf8');
    map.noteWindow(a, b, chunk.length);
    core.feed(chunk, false);
    a = b;
  }
  core.feed(EMPTY, true);
  const { duplicates, invalid, skipped } = core.stats;
  return { ids, matches, duplicates, invalid, skipped };
}

/** The Tweet ID occurrence covering `offset` in `text` (for hovers: callers pass one line, or a window of text around the position; must be O(window)). */
export function tweetIdAt(text: string, offset: number, options?: FinderOptions): TweetIdMatch | undefined {
  let hit: TweetIdMatch | undefined;
  for (const m of findTweetIds(text, options).matches) {
    if (m.start > offset) break;
    if (offset < m.end) return m;
    if (offset === m.end) hit = m; // cursor just after the last digit
  }
  return hit;
}

/** Streaming: feed chunks (Buffer of UTF-8 or string), get each NEW unique id once via onId, in first-seen order. Memory: O(unique ids + small carry), not O(input). */
export class TweetIdScanner {
  readonly stats: ScanStats;
  private readonly core: ScanCoreType;

  constructor(onId: (id: string) => void, options?: FinderOptions) {
    this.core = new ScanCore(
      (id, _start, _end, isNew) => {
        if (isNew) onId(id);
      },
      nowOf(options),
      false,
    );
    this.stats = this.core.stats;
  }

  write(chunk: Buffer | string): void {
    this.core.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, false);
  }

  end(): void {
    this.core.feed(EMPTY, true);
  }
}
