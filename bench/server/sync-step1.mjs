#!/usr/bin/env node
/**
 * What a sync request costs a server holding a large document: a room with
 * 100,000 map entries, then 60 sync step 1 messages carrying the full state
 * vector (what a page sends on every reconnect), sent at once by one client,
 * while another asks `/healthz` (or, for the reference, opens a socket) every
 * 10 ms. Each server runs pinned to its own core, as in `run.mjs`.
 *
 *   node bench/server/sync-step1.mjs [--entries=100000] [--requests=60] [--before=DIST] [--out=FILE]
 *
 * Prints a table: per server, when the first answer came, how long all of
 * them took (and so what one costs), and the slowest `/healthz` answer
 * meanwhile (how long everyone else waited).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { attuneTokens, isAttune, startServer } from './servers.mjs';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '60' },
    before: { type: 'string' },
    out: { type: 'string' },
  },
});
const ENTRIES = Number(args.entries);
const REQUESTS = Number(args.requests);
/** Entries per update: each update stays well under the 1 MiB frame limit. */
const CHUNK = 5000;

/** @param {Uint8Array} update */
function syncFrame(sub, update) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A client that applies sync answers to its document and counts step 2 answers. */
function open(url) {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  const doc = new Y.Doc();
  const client = { ws, doc, step2: 0, onStep2: /** @type {(() => void) | null} */ (null) };
  ws.binaryType = 'nodebuffer';
  ws.on('message', (/** @type {Buffer} */ data) => {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(d) !== 0) return;
    const sub = decoding.readVarUint(d);
    if (sub === 0) {
      // The server's step 1: answer with what it lacks (nothing, for the reader).
      const sv = decoding.readVarUint8Array(d);
      ws.send(syncFrame(1, Y.encodeStateAsUpdate(doc, sv)));
    } else {
      Y.applyUpdate(doc, decoding.readVarUint8Array(d));
      if (sub === 1) {
        client.step2++;
        client.onStep2?.();
      }
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

function waitFor(check, what, ms = 120_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve(undefined);
      else if (Date.now() - started > ms) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

async function measure(kind) {
  const server = await startServer(
    kind,
    ['--single-threaded-gc'],
    kind === 'attune-before' ? args.before : undefined,
  );
  try {
    let urls;
    if (isAttune(kind)) {
      const { sid, tokens } = await attuneTokens(server, 2);
      urls = tokens.map((t) => `${server.syncUrl}/${sid}/space?token=${t}`);
    } else urls = [0, 1].map(() => `${server.syncUrl}/bench-sync-step1/space`);
    const writer = await open(urls[0]);
    writer.ws.send(syncFrame(0, Y.encodeStateVector(writer.doc)));
    await waitFor(() => writer.step2 > 0, 'the writer synced');
    const map = writer.doc.getMap('entries');
    for (let i = 0; i < ENTRIES; i += CHUNK) {
      const updates = [];
      const capture = (u) => updates.push(u);
      writer.doc.on('update', capture);
      writer.doc.transact(() => {
        for (let j = i; j < Math.min(ENTRIES, i + CHUNK); j++) map.set(`k${j}`, `value ${j}`);
      });
      writer.doc.off('update', capture);
      for (const u of updates) writer.ws.send(syncFrame(2, u));
    }
    const reader = await open(urls[1]);
    reader.ws.send(syncFrame(0, Y.encodeStateVector(reader.doc)));
    await waitFor(() => reader.doc.getMap('entries').size === ENTRIES, 'the reader holding everything');
    const docBytes = Y.encodeStateAsUpdate(reader.doc).byteLength;

    // Everyone else: a health check every 10 ms while the requests are answered.
    let probing = true;
    const probes = [];
    const probe = async () => {
      while (probing) {
        const t = performance.now();
        if (isAttune(kind)) await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
        else
          await fetch(`${server.url}/`).then(
            (r) => r.arrayBuffer(),
            () => undefined,
          );
        probes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const probing$ = probe();
    await new Promise((r) => setTimeout(r, 100));

    const sv = Y.encodeStateVector(reader.doc);
    const arrivals = [];
    const before = reader.step2;
    reader.onStep2 = () => arrivals.push(performance.now());
    const started = performance.now();
    for (let i = 0; i < REQUESTS; i++) reader.ws.send(syncFrame(0, sv));
    await waitFor(() => reader.step2 - before === REQUESTS, 'every answer');
    const total = performance.now() - started;
    probing = false;
    await probing$;
    writer.ws.terminate();
    reader.ws.terminate();
    return {
      kind,
      docBytes,
      // Answers are made one after another, and arrive in batches: what one costs is the mean.
      mean: (arrivals.at(-1) - started) / REQUESTS,
      first: arrivals[0] - started,
      total,
      probe: Math.max(...probes),
    };
  } finally {
    await server.stop();
  }
}

const kinds = ['attune', ...(args.before ? ['attune-before'] : []), 'reference'];
const rows = [];
for (const kind of kinds) {
  process.stderr.write(`${kind}: ${ENTRIES} entries, ${REQUESTS} sync requests …\n`);
  rows.push(await measure(kind));
}
const fmt = (ms) => ms.toFixed(ms < 10 ? 2 : 0);
const lines = [
  `Sync requests against a large document: ${ENTRIES} map entries (${(rows[0].docBytes / 2 ** 20).toFixed(1)} MB as one update), ${REQUESTS} sync step 1 messages with the full state vector sent at once.`,
  '',
  '| server | first answer after, ms | all answered in, ms | ms per answer (mean) | slowest /healthz meanwhile, ms |',
  '| --- | --: | --: | --: | --: |',
  ...rows.map((r) => `| ${r.kind} | ${fmt(r.first)} | ${fmt(r.total)} | ${fmt(r.mean)} | ${fmt(r.probe)} |`),
];
const report = `${lines.join('\n')}\n`;
process.stdout.write(report);
if (args.out) writeFileSync(args.out, report);
