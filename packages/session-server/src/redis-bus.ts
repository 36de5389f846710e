/**
 * Shares rooms between server instances through Redis pub/sub. Every frame a
 * room relays to its own sockets is also published on the room's channel;
 * the other instances that hold the room relay it to theirs. Each instance
 * stores every change it takes, its own sockets' and the others': an instance
 * relays before its write lands, so one killed in between leaves the only
 * copy with the others.
 *
 *   instance A ── publish attune:<sid>/<scope> ──► Redis ──► instance B ── its sockets
 *
 * A message is `instance id (16 bytes) · kind (1 byte) · body`. Kind 0 is a
 * frame to relay; kind 1 asks the others for what a newly loaded room lacks
 * (body: its state vector), answered with a kind 0 sync update.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** `waitingPresence`: presence of someone in the waiting room, for facilitators only. */
export const BUS_KIND = { frame: 0, stateRequest: 1, waitingPresence: 2 } as const;

export interface BusHandler {
  (room: string, from: string, kind: number, body: Uint8Array): void;
}

const PREFIX = 'attune:';
const ID_BYTES = 16;

export class RedisBus {
  readonly instance = randomBytes(ID_BYTES);
  readonly instanceKey = this.instance.toString('hex');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly rooms = new Set<string>();

  constructor(
    url: string,
    private readonly handler: BusHandler,
    private readonly log: Logger,
  ) {
    const options = { maxRetriesPerRequest: null, enableAutoPipelining: true, lazyConnect: false };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => this.log.warn({ err: error.message }, 'redis connection problem'));
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
  }

  async ready(): Promise<void> {
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  async join(room: string): Promise<void> {
    if (this.rooms.has(room)) return;
    this.rooms.add(room);
    await this.sub.subscribe(PREFIX + room);
  }

  async leave(room: string): Promise<void> {
    if (!this.rooms.delete(room)) return;
    await this.sub.unsubscribe(PREFIX + room);
  }

  publish(room: string, kind: number, body: Uint8Array): void {
    const message = Buffer.allocUnsafe(ID_BYTES + 1 + body.byteLength);
    this.instance.copy(message, 0);
    message[ID_BYTES] = kind;
    message.set(body, ID_BYTES + 1);
    this.pub.publish(PREFIX + room, message).catch((error: unknown) => {
      this.log.warn(
        { err: error instanceof Error ? error.message : String(error), room },
        'redis publish failed',
      );
    });
  }

  async close(): Promise<void> {
    this.rooms.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private receive(channel: Buffer, message: Buffer): void {
    if (message.byteLength < ID_BYTES + 1) return;
    const from = message.subarray(0, ID_BYTES);
    if (from.equals(this.instance)) return;
    const room = channel.toString('utf8').slice(PREFIX.length);
    if (!this.rooms.has(room)) return;
    const body = new Uint8Array(
      message.buffer,
      message.byteOffset + ID_BYTES + 1,
      message.byteLength - ID_BYTES - 1,
    );
    try {
      this.handler(room, from.toString('hex'), message[ID_BYTES]!, body);
    } catch (error) {
      this.log.warn(
        { err: error instanceof Error ? error.message : String(error), room },
        'ignored a bad message from another instance',
      );
    }
  }
}
