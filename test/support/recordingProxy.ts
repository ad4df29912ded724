// A stand-in for a corporate proxy, on loopback only: it records the head of every request it
// is asked (a CONNECT line, or a plain proxied request with its headers) and answers with
// `status` without ever connecting onward, so nothing leaves the machine.
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Each request's head as received: request line, then headers. */
  heads: string[];
  close(): Promise<void>;
}

/** `body`: the page the proxy sends with its refusal (real proxies send HTML; empty by default). */
export async function startRecordingProxy(status = 502, body = ''): Promise<RecordingProxy> {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0 || buffered === '') return;
      heads.push(buffered.slice(0, end));
      buffered = '';
      socket.end(`HTTP/1.1 ${status} Refused by the test proxy\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
