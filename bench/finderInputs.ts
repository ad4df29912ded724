// The finder benchmark's inputs: an NDJSON export of realistic v1.1 and v2 Tweet objects (the
// Tweet IDs it holds are known, so a scan can be checked), and four hostile inputs that hold no
// Tweet ID at all. Deterministic: the same seed gives the same bytes (but for the random-bytes input).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { MB, randomSnowflake, seededRandom } from './support';

const rand = seededRandom(0x2545f491);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
const int = (n: number) => Math.floor(rand() * n);

/** A snowflake created between the starts of two years. */
const snowflake = (fromYear = 2012, toYear = 2024) => randomSnowflake(rand, Date.UTC(fromYear, 0, 1), Date.UTC(toYear, 0, 1));

type Json = Record<string, unknown>;
interface User {
  id: string;
  screen: string;
  name: string;
  img: string;
}

// Placeholders let JSON.stringify write 64-bit numbers unquoted: "§123" -> 123.
const num = (id: string) => `§${id}`;
const finish = (obj: Json, escapeSlashes: boolean) => {
  let s = JSON.stringify(obj).replace(/"§(\d+)"/g, '$1');
  if (escapeSlashes) s = s.replace(/\//g, '\\/');
  return s;
};

const WORDS = 'the a launch update thread today new release api data engagement numbers video live team thanks for all of you we are happy to share read more here about our'.split(
  ' ',
);
const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const users: User[] = Array.from({ length: 4000 }, (_, k) => ({
  id: k % 5 === 0 ? String(10000000 + int(900000000)) : snowflake(2011, 2023),
  screen: `user_${k}`,
  name: `User ${k}`,
  img: snowflake(2012, 2024),
}));

/** The Tweet IDs written so far (what a scan must find). */
const expected = new Set<string>();
function tweetId() {
  const id = snowflake();
  expected.add(id);
  return id;
}

function userV1(u: User): Json {
  return {
    id: num(u.id),
    id_str: u.id,
    name: u.name,
    screen_name: u.screen,
    location: 'Somewhere',
    description: `${text(12)} https://example.com/${int(1000)}`,
    url: 'https://t.co/AbCdEf123',
    entities: { url: { urls: [{ url: 'https://t.co/AbCdEf123', expanded_url: 'https://example.com', display_url: 'example.com', indices: [0, 23] }] }, description: { urls: [] } },
    protected: false,
    followers_count: int(100000),
    friends_count: int(5000),
    listed_count: int(300),
    created_at: 'Tue Mar 21 20:50:14 +0000 2006',
    favourites_count: int(20000),
    verified: false,
    statuses_count: int(90000),
    profile_background_color: 'C0DEED',
    profile_image_url: `http://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    profile_image_url_https: `https://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    profile_banner_url: `https://pbs.twimg.com/profile_banners/${u.id}/1577836800`,
    default_profile: true,
    following: null,
    follow_request_sent: null,
    notifications: null,
  };
}

function mediaV1(ownerScreen: string, tweet: string, video: boolean): Json {
  const mid = snowflake();
  const m: Json = {
    id: num(mid),
    id_str: mid,
    indices: [120, 143],
    media_url: `http://pbs.twimg.com/${video ? 'ext_tw_video_thumb/' + mid + '/pu/img' : 'media'}/FgHiJk${int(999)}.jpg`,
    media_url_https: `https://pbs.twimg.com/media/FgHiJk${int(999)}.jpg`,
    url: 'https://t.co/XyZ987',
    display_url: 'pic.twitter.com/XyZ987',
    expanded_url: `https://twitter.com/${ownerScreen}/status/${tweet}/${video ? 'video' : 'photo'}/1`,
    type: video ? 'video' : 'photo',
    sizes: { thumb: { w: 150, h: 150, resize: 'crop' }, large: { w: 2048, h: 1152, resize: 'fit' } },
  };
  if (video) {
    m.video_info = {
      aspect_ratio: [16, 9],
      duration_millis: 30033,
      variants: [
        { bitrate: 2176000, content_type: 'video/mp4', url: `https://video.twimg.com/ext_tw_video/${mid}/pu/vid/1280x720/AbC${int(99)}.mp4?tag=12` },
        { content_type: 'application/x-mpegURL', url: `https://video.twimg.com/ext_tw_video/${mid}/pu/pl/XyZ.m3u8?tag=12` },
      ],
    };
  }
  return m;
}

function tweetV1(depth = 0): Json & { id_str: string } {
  const id = tweetId();
  const u = pick(users);
  const mention = pick(users);
  const linked = tweetId();
  const t: Json & { id_str: string; entities: Json } = {
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    id: num(id),
    id_str: id,
    full_text: `@${mention.screen} ${text(20)} https://t.co/AbC ${int(1e6)}`,
    truncated: false,
    display_text_range: [0, 140],
    entities: {
      hashtags: [{ text: 'api', indices: [10, 14] }],
      symbols: [],
      user_mentions: [{ screen_name: mention.screen, name: mention.name, id: num(mention.id), id_str: mention.id, indices: [0, 12] }],
      urls: [
        { url: 'https://t.co/AbC', expanded_url: `https://twitter.com/${mention.screen}/status/${linked}`, display_url: `twitter.com/${mention.screen}/…`, indices: [100, 123] },
      ],
    },
    source: '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    in_reply_to_status_id: null,
    in_reply_to_status_id_str: null,
    in_reply_to_user_id: num(mention.id),
    in_reply_to_user_id_str: mention.id,
    in_reply_to_screen_name: mention.screen,
    user: userV1(u),
    geo: null,
    coordinates: null,
    place: null,
    contributors: null,
    is_quote_status: false,
    retweet_count: int(500),
    favorite_count: int(3000),
    favorited: false,
    retweeted: false,
    lang: 'en',
  };
  if (rand() < 0.5) {
    const reply = tweetId();
    t.in_reply_to_status_id = num(reply);
    t.in_reply_to_status_id_str = reply;
  }
  if (rand() < 0.4) {
    const media = [mediaV1(u.screen, id, rand() < 0.3)];
    t.entities.media = media;
    t.extended_entities = { media };
  }
  if (depth === 0 && rand() < 0.25) {
    const q = tweetV1(1);
    t.is_quote_status = true;
    t.quoted_status_id = num(q.id_str);
    t.quoted_status_id_str = q.id_str;
    t.quoted_status = q;
  } else if (depth === 0) {
    if (rand() < 0.25) t.retweeted_status = tweetV1(1);
  }
  return t;
}

function userV2(u: User): Json {
  return {
    id: u.id,
    name: u.name,
    username: u.screen,
    created_at: '2013-12-14T04:35:55.000Z',
    verified: false,
    profile_image_url: `https://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    public_metrics: { followers_count: int(1e5), following_count: int(5000), tweet_count: int(9e4), listed_count: int(300) },
    description: text(10),
    ...(rand() < 0.5 ? { pinned_tweet_id: tweetId() } : {}),
  };
}

function lineV2(): Json {
  const id = tweetId();
  const author = pick(users);
  const mention = pick(users);
  const quoted = tweetId();
  const mediaKey = `3_${snowflake()}`;
  const data = {
    author_id: author.id,
    conversation_id: id,
    created_at: '2023-03-01T12:00:00.000Z',
    edit_history_tweet_ids: [id],
    id,
    text: `@${mention.screen} ${text(25)} https://t.co/Qx1`,
    lang: 'en',
    attachments: { media_keys: [mediaKey] },
    context_annotations: [{ domain: { id: '46', name: 'Business Taxonomy', description: 'Categories' }, entity: { id: snowflake(2015, 2020), name: 'Technology' } }],
    entities: {
      mentions: [{ start: 0, end: 10, username: mention.screen, id: mention.id }],
      urls: [{ start: 40, end: 63, url: 'https://t.co/Qx1', expanded_url: `https://x.com/${mention.screen}/status/${quoted}`, display_url: `x.com/${mention.screen}/…` }],
    },
    public_metrics: { retweet_count: int(500), reply_count: int(50), like_count: int(3000), quote_count: int(20), impression_count: int(1e6) },
    referenced_tweets: [{ type: 'quoted', id: quoted }],
    reply_settings: 'everyone',
  };
  return {
    data,
    includes: {
      users: [userV2(author), userV2(mention)],
      media: [{ media_key: mediaKey, type: 'photo', url: `https://pbs.twimg.com/media/Fq${int(999)}.jpg`, width: 1200, height: 675 }],
      tweets: [{ id: quoted, text: text(15), author_id: mention.id, edit_history_tweet_ids: [quoted], created_at: '2023-02-28T10:00:00.000Z' }],
    },
    matching_rules: [{ id: snowflake(2020, 2023), tag: 'engagement' }],
  };
}

/** Writes an export of about `bytes` to `file`; returns its size and the Tweet IDs in it. */
export function generateExport(file: string, bytes: number): { bytes: number; expected: Set<string> } {
  expected.clear();
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let lines: string[] = [];
  let pending = 0;
  while (written < bytes) {
    const r = rand();
    const line = r < 0.6 ? finish(tweetV1(), r < 0.3) : finish(lineV2(), false);
    lines.push(line);
    pending += line.length + 1;
    if (pending > MB) {
      const chunk = lines.join('\n') + '\n';
      fs.writeSync(fd, chunk);
      written += Buffer.byteLength(chunk);
      lines = [];
      pending = 0;
    }
  }
  fs.closeSync(fd);
  return { bytes: written, expected };
}

/** Inputs with no Tweet ID in them, each [name, bytes]. */
export function hostileInputs(): Array<[string, Buffer]> {
  const digits = Buffer.alloc(100 * MB);
  for (let k = 0; k < digits.length; k++) digits[k] = 48 + ((k * 7 + (k >> 5)) % 10);

  const glued: string[] = [];
  let size = 0;
  while (size < 50 * MB) {
    const id = snowflake(2019, 2024); // 19 digits, so `${id}9` is a 20-digit run
    const forms = [`a${id}`, `${id}b`, `x${id}y`, `_${id}`, `${id}_`, `0.${id}`, `${id}.5`, `${id}9`, `id${id}z`];
    const s = forms.join(' ') + '\n';
    glued.push(s);
    size += s.length;
  }

  const random = randomBytes(20 * MB);

  const parts = ['['];
  size = 1;
  let k = 0;
  while (size < 50 * MB) {
    const u = users[k++ % users.length];
    const id = snowflake(2011, 2023);
    const s = `${k > 1 ? ',' : ''}{"id":${id},"id_str":"${id}","name":"${u.name}","screen_name":"${u.screen}","followers_count":${int(1e5)},"profile_image_url_https":"https://pbs.twimg.com/profile_images/${u.img}/a_normal.jpg","created_at":"Tue Mar 21 20:50:14 +0000 2006"}`;
    parts.push(s);
    size += s.length;
  }
  parts.push(']');
  return [
    ['100 MB of digits', digits],
    ['50 MB of near-IDs glued to letters', Buffer.from(glued.join(''), 'latin1')],
    ['20 MB of random bytes', random],
    ['50 MB one-line JSON array of user objects', Buffer.from(parts.join(''), 'latin1')],
  ];
}
