// A hostile stand-in for the Engagement API, on loopback only: the sandbox plays a faithful X,
// this one plays a server that lies, echoes secrets, drips, nests, floods and smuggles markup,
// so that the trust boundary can be tested from outside. Every request is recorded (headers and
// body) and counted; close() ends open sockets too (a dripping answer never holds a test).
//
//   const server = await startHostileServer(hostile.json(401, { errors: ['…'] }));
//   … fetch against server.url …
//   server.requests.length; await server.close();
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `n` counts requests from 0. The body has been read already. */
export type Behaviour = (req: RecordedRequest, res: http.ServerResponse, n: number) => void;

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Swaps the behaviour for the requests that come next. */
  setBehaviour(b: Behaviour): void;
  close(): Promise<void>;
}

export async function startHostileServer(behaviour: Behaviour, host = '127.0.0.1'): Promise<HostileServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let current = behaviour;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      try {
        current(recorded, res, requests.length - 1);
      } catch (e) {
        res.destroy(e as Error);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    setBehaviour: (b) => (current = b),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The Tweet IDs and types a recorded request asked for (empty when the body is not the API's). */
export function askedFor(req: RecordedRequest): { tweetIds: string[]; engagementTypes: string[] } {
  try {
    const body = JSON.parse(req.body) as { tweet_ids?: unknown; engagement_types?: unknown };
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    return { tweetIds: strings(body.tweet_ids), engagementTypes: strings(body.engagement_types) };
  } catch {
    return { tweetIds: [], engagementTypes: [] };
  }
}

/** Ready-made behaviours; compose your own for anything else. */
export const hostile = {
  /** A JSON answer (an object is serialised; a string is sent as it is). */
  json:
    (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Behaviour =>
    (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    },

  /** An error whose text echoes what the client sent: the Authorization header, whole and in parts. */
  echoCredentials:
    (status: number): Behaviour =>
    (req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const parts = auth.replace(/^(Bearer|OAuth)\s+/i, '');
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [`Bad credentials. You sent Authorization: ${auth}`, `token was ${parts}`] }));
    },

  /** A 200 whose per-Tweet grouping answers every requested ID with `value` for every requested type, plus `extra` keys. */
  perTweet:
    (grouping: string, value = '7', extra: (tree: Record<string, unknown>) => void = () => {}): Behaviour =>
    (req, res) => {
      const { tweetIds, engagementTypes } = askedFor(req);
      const tree: Record<string, unknown> = {};
      for (const id of tweetIds) tree[id] = Object.fromEntries(engagementTypes.map((t) => [t, value]));
      extra(tree);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ [grouping]: tree }));
    },

  /** Headers at once, then the body one byte every `intervalMs` (never finishing on its own). */
  drip:
    (intervalMs = 1000, status = 200): Behaviour =>
    (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      const text = '{"perTweet":{' + ' '.repeat(1_000_000);
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= text.length) return clearInterval(timer);
        res.write(text[i++]);
      }, intervalMs);
      res.on('close', () => clearInterval(timer));
    },

  /** Accepts the request and never answers. */
  silent: (): Behaviour => () => undefined,

  /**
   * echoCredentials with traps for whatever shows the text: terminal escapes (clear screen,
   * window title, an OSC 52 clipboard write, an 8-bit CSI, a DCS string), a command link that
   * would type into a terminal, `$(icon)` syntax; and the Authorization header echoed in a rate
   * header too (it reaches the log). With status 200 the body holds only `errors`.
   */
  echoCredentialsWithTraps:
    (status: number): Behaviour =>
    (req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const parts = auth.replace(/^(Bearer|OAuth)\s+/i, '');
      res.writeHead(status, { 'Content-Type': 'application/json', 'x-per-minute-limit': auth, 'x-per-minute-remaining': encodeURIComponent(auth) });
      res.end(
        JSON.stringify({
          errors: [
            `${TRAPS.terminal}${TRAPS.separators} ${TRAPS.link} $(zap) Bad credentials. You sent Authorization: ${auth}`,
            `token was ${parts}; url-encoded ${encodeURIComponent(auth)}`,
          ],
        }),
      );
    },
};

/** The hostile strings of echoCredentialsWithTraps, for tests to look for. */
export const TRAPS = {
  /** Clear screen, home, window title, OSC 52 clipboard write, 8-bit CSI colour, a DCS string. */
  terminal: '\x1b[2J\x1b[H\x1b]0;pwned-title\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x9b31mred\x1bPdcs-payload\x1b\\',
  /** Characters JSON.stringify leaves raw: a line separator and a right-to-left override. */
  separators: '\u2028\u202e',
  /** A notification link that would type `echo pwned` into the terminal when clicked. */
  link: '[Click here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)',
};

/** `{"a":{"a":…}}` nested `depth` levels, as text (JSON.stringify itself would recurse). */
export function deeplyNested(depth: number, key = 'a', leaf = '"1"'): string {
  return `{"${key}":`.repeat(depth) + leaf + '}'.repeat(depth);
}
