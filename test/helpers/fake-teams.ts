import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reply the bot POSTed to the channel's serviceUrl. */
export interface CapturedReply {
  method: string;
  /** The path after the serviceUrl's own path, decoded: `/v3/conversations/<id>/activities/<replyToId>`. */
  path: string;
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  // biome-ignore lint/suspicious/noExplicitAny: an activity as the bot sent it
  activity: any;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

/**
 * The Bot Connector service of Teams, as far as a bot talks to it: replies arrive as
 * `POST {serviceUrl}v3/conversations/{conversationId}/activities/{replyToId}` and are recorded here.
 * The serviceUrl has a path and a trailing slash, as Teams' `https://smba.trafficmanager.net/emea/` does.
 */
export class FakeTeamsService {
  readonly replies: CapturedReply[] = [];
  readonly unexpected: string[] = [];
  private server?: Server;
  serviceUrl = '';
  private count = 0;

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const match = /^\/emea\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        this.unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404).end();
        return;
      }
      this.replies.push({
        method: req.method,
        path: decodeURIComponent((req.url ?? '').slice('/emea'.length)),
        conversationId: decodeURIComponent(match[1]!),
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        authorization: req.headers.authorization,
        activity: JSON.parse(body),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `1:reply-${++this.count}` }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/emea/`;
    return this;
  }

  /** The replies to one incoming activity, in the order they were sent. */
  repliesTo(activityId: string): CapturedReply[] {
    return this.replies.filter((r) => r.replyToId === activityId);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
