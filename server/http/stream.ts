// GET /v1/stream: Server-Sent Events telling a store's terminals that a new catalog version exists;
// they then pull GET /v1/catalog. The version is polled from the database (one cheap read per server,
// not per terminal), so an import by another process or server instance is announced too.
import type { FastifyReply } from 'fastify';
import type { CatalogAnnouncement } from '../../core/sync';
import type { Queryable } from '../db/database';
import { currentCatalogVersion } from '../catalog/version';
import { onDeviceRevoked, REVOKED_REASON, revokedAmong } from '../devices/revocations';
import type { RecallAnnouncement } from '../../core/recalls';
import { currentRecallVersion } from '../recalls/records';

// Every terminal hears of every new version (a store's own price change bumps the one chain-wide
// counter too); one that has nothing new pulls an empty page, which is cheap.
interface Client {
  reply: FastifyReply;
  deviceId: string;
}

/**
 * Streams one device may hold open. Beyond it the device's oldest stream is closed rather than the new
 * one refused: a terminal whose network dropped without a FIN leaves streams HQ only notices when a
 * heartbeat write fails, minutes later, and refusing would lock the live terminal out behind its own dead
 * connections. Either way one token can no longer hold an unbounded number of sockets.
 */
export const MAX_STREAMS_PER_DEVICE = 4;

export interface CatalogStream {
  /**
   * Takes over the reply and keeps it open until the client leaves, the token expires, the device is
   * revoked (`event: revoked`), the device opens more than MAX_STREAMS_PER_DEVICE (its oldest goes) or
   * close().
   */
  open(reply: FastifyReply, tokenExpiresAt: number, deviceId: string): void;
  /** Clients connected now. */
  readonly clients: number;
  close(): void;
}

export interface StreamOptions {
  pollMs: number;
  heartbeatMs: number;
}

export function createCatalogStream(q: Queryable, options: StreamOptions): CatalogStream {
  const clients = new Set<Client>();
  let version = -1;
  // Recalls (issue 14) are announced the same way, `event: recall`, from the same poll.
  let recallVersion = -1;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const send = (client: Client, text: string) => client.reply.raw.write(text);
  const announce = (client: Client) => {
    const data: CatalogAnnouncement = { version };
    send(client, `event: catalog\nid: ${version}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const announceRecalls = (client: Client) => {
    const data: RecallAnnouncement = { version: recallVersion };
    send(client, `event: recall\ndata: ${JSON.stringify(data)}\n\n`);
  };

  // A revoked device's streams end at once: announced in this process, or found by the poll below when
  // another HQ process on the same database revoked it.
  const endDevice = (deviceId: string) => {
    for (const client of clients) {
      if (client.deviceId !== deviceId) continue;
      client.reply.raw.end(`event: revoked\ndata: ${JSON.stringify({ reason: REVOKED_REASON })}\n\n`);
      clients.delete(client);
    }
  };
  const unsubscribe = onDeviceRevoked(q, endDevice);
  const checkRevoked = async () => {
    const connected = [...new Set([...clients].map((c) => c.deviceId))];
    for (const deviceId of await revokedAmong(q, connected)) endDevice(deviceId);
  };

  // Each poll starts when the last one is done, so a slow database never piles queries up.
  const poll = async () => {
    try {
      const latest = await currentCatalogVersion(q);
      if (latest !== version) {
        version = latest;
        for (const client of clients) announce(client);
      }
      await checkRevoked();
      const recalls = await currentRecallVersion(q);
      if (recalls !== recallVersion) {
        recallVersion = recalls;
        for (const client of clients) announceRecalls(client);
      }
    } catch {
      // The database is away for a moment; the next poll tries again.
    }
    if (!closed) timer = setTimeout(() => void poll(), options.pollMs);
  };
  const ready = poll();

  return {
    open(reply, tokenExpiresAt, deviceId) {
      closeOldest(clients, deviceId);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const client: Client = { reply, deviceId };
      clients.add(client);
      raw.write('retry: 5000\n\n');
      void ready.then(() => {
        if (!clients.has(client)) return;
        announce(client);
        announceRecalls(client);
      });
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs);
      // A stream outliving its token would outlive a revoked device: it ends, and the terminal reconnects.
      const expiry = setTimeout(
        () => {
          raw.write('event: token-expired\ndata: {}\n\n');
          raw.end();
        },
        Math.max(0, Math.min(tokenExpiresAt - Date.now(), 2 ** 31 - 1)),
      );
      raw.on('close', () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        clients.delete(client);
      });
    },
    get clients() {
      return clients.size;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
      for (const client of clients) client.reply.raw.end();
      clients.clear();
    },
  };
}

/** Makes room for one more stream of `deviceId` by ending its oldest ones (a Set keeps opening order). */
function closeOldest(clients: Set<Client>, deviceId: string): void {
  const mine = [...clients].filter((c) => c.deviceId === deviceId);
  for (const client of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_DEVICE + 1))) {
    const reason = `this device opened more than ${MAX_STREAMS_PER_DEVICE} event streams; the oldest is closed`;
    client.reply.raw.end(`event: replaced\ndata: ${JSON.stringify({ reason })}\n\n`);
    clients.delete(client);
  }
}
