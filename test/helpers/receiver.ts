// A webhook receiver on 127.0.0.1 for the outbox's notices: it records each
// request and answers with the next status of a list, or with what a
// function decides from the body.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/** A webhook receiver answering each request with the next status, or with what `answer` decides from the body. */
export async function receiver(t: { teardown(fn: () => unknown): void }, statuses: number[] | ((body: Record<string, unknown>) => Answer | Promise<Answer>)) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      const answer = Array.isArray(statuses) ? { status: statuses.shift() ?? 200 } : await statuses(body ? (JSON.parse(body) as Record<string, unknown>) : {});
      res.writeHead(answer.status, answer.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/takeovers`, received };
}
