/**
 * The reference: `@y/websocket-server` 0.1.1 set up exactly as its own
 * `server.js` does (no auth, no persistence), in a child process, on a free
 * port, with the `ws` version it resolves itself. Talks to the runner over IPC.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { answerRunner } from './child.mjs';

// The `ws` its own server.js resolves (its nested 6.x), not the workspace's.
const require = createRequire(fileURLToPath(import.meta.resolve('@y/websocket-server/package.json')));
const WebSocket = require('ws');
const wss = new WebSocket.Server({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (server.address());

answerRunner({
  url: `http://127.0.0.1:${address.port}`,
  rooms: () => docs.size,
  stop() {
    for (const ws of wss.clients) ws.terminate();
    server.close();
  },
});
