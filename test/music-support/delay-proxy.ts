/**
 * A loopback TCP proxy that holds every chunk for a delay with jitter, each
 * direction in order, to stand in for a real network path in tests and
 * benchmarks. With 20 ms one way and ±10 ms jitter a round trip is about 40 ms.
 */
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface DelayProxy {
  port: number;
  close(): Promise<void>;
}

export async function startDelayProxy(
  target: { host: string; port: number },
  oneWayMs = 20,
  jitterMs = 10,
  random = Math.random,
): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const pipe = (from: Socket, to: Socket): void => {
    let last = 0;
    from.on('data', (chunk) => {
      const at = Math.max(last, performance.now() + oneWayMs + (random() * 2 - 1) * jitterMs);
      last = at;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, at - performance.now());
    });
    from.on('close', () => setTimeout(() => to.destroy(), Math.max(0, last - performance.now()) + 1));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
