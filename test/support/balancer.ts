/**
 * A loopback TCP load balancer for tests with several server instances: one
 * address in front of them, forwarding raw bytes. Each new connection goes to
 * the preferred instance, or to the next one that accepts it when that one
 * does not (connection refused, as from a process that was killed), the way a
 * real balancer retries another backend. When an instance dies, its
 * connections are dropped on the client side too, so pages reconnect through
 * the same URL and land on a survivor.
 *
 *   client ── 127.0.0.1:<balancer> ──► instance 0 (preferred) │ instance 1 │ …
 */
import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export class Balancer {
  readonly port: number;
  readonly url: string;
  readonly syncUrl: string;
  /** Open connections, by the index of the instance they went to. */
  private readonly open: Array<Set<Socket>>;
  private preferred = 0;

  private constructor(
    private readonly server: Server,
    private readonly backends: readonly number[],
  ) {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the balancer is not listening');
    this.port = address.port;
    this.url = `http://127.0.0.1:${this.port}`;
    this.syncUrl = `ws://127.0.0.1:${this.port}/sync`;
    this.open = backends.map(() => new Set());
    server.on('connection', (client) => this.accept(client));
  }

  /** Listens on a free loopback port in front of the instances on `backends` (their ports). */
  static async start(backends: readonly number[]): Promise<Balancer> {
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new Balancer(server, backends);
  }

  /** New connections try the instance at `index` first, then the others in order. */
  prefer(index: number): void {
    this.preferred = index;
  }

  /** How many connections are open to each instance. */
  connections(): number[] {
    return this.open.map((set) => set.size);
  }

  async close(): Promise<void> {
    for (const set of this.open) for (const socket of set) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const order = this.backends.map((_, i) => (this.preferred + i) % this.backends.length);
    client.on('error', () => client.destroy());
    const attempt = (k: number): void => {
      if (k >= order.length || client.destroyed) {
        client.destroy();
        return;
      }
      const index = order[k]!;
      const upstream = connect(this.backends[index]!, '127.0.0.1');
      upstream.once('error', () => {
        upstream.destroy();
        attempt(k + 1);
      });
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        this.link(client, upstream, index);
      });
    };
    attempt(0);
  }

  private link(client: Socket, upstream: Socket, index: number): void {
    const set = this.open[index]!;
    set.add(upstream);
    // An end is passed on by the pipes (what was sent still arrives); a reset or a close
    // drops both sides at once: a dead instance must look dead to the page.
    const drop = (): void => {
      set.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  }
}
