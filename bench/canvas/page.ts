/**
 * The canvas benchmark's browser half. Each measure is taken for Attune's
 * path and for an anchor in the same run, then posted as `window.__results`.
 */
import { Canvas, Path, Point, util } from 'fabric';
import * as Y from 'yjs';
import { Session } from '@attune/session';
import { CanvasModel } from '../../packages/canvas/src/model/canvas-model.js';
import {
  LIVE_CHANNEL,
  LIVE_KIND,
  decodeLive,
  encodeLive,
} from '../../packages/canvas/src/model/live-stroke.js';
import { encodePoints } from '../../packages/canvas/src/model/points.js';
import type { StrokePoint } from '../../packages/canvas/src/model/points.js';
import { strokeOutline } from '../../packages/canvas/src/model/outline.js';
import { paintStroke } from '../../packages/canvas/src/render/build.js';
import { FabricView } from '../../packages/canvas/src/render/fabric-view.js';
import { DEFAULT_SHEET } from '../../packages/canvas/src/model/page-rect.js';
import { strokes } from './scribble.js';

interface Row {
  measure: string;
  attune: string;
  anchor: string;
  anchorValue: string;
  target: string;
}
interface Config {
  sync: string;
  sid: string;
  tokens: [string, string];
  pageStrokes: number;
  /** Profile the opening of the page (`--profile`). */
  profile?: boolean;
}

/** Lines printed under the table. */
const notes: string[] = [];
const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as Config;
const stage = document.getElementById('stage')!;
const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const user = { id: 'bench-user', name: 'Bench', role: 'client' as const };
const fabricJson = (points: StrokePoint[]): string =>
  JSON.stringify(new Path(util.getSmoothPathFromPoints(points.map((p) => new Point(p.x, p.y)))).toObject());

function bytesPerPoint(): Row[] {
  const list = strokes(1, 400, 20, 200);
  const total = list.reduce((n, s) => n + s.length, 0);
  const encoded = list.reduce((n, s) => n + encodePoints(s).byteLength, 0);
  const doc = new Y.Doc();
  const model = new CanvasModel(doc, new Y.Doc(), user);
  for (const points of list) model.addStroke({ page: 'main', points, color: '#3b7dd8', size: 8 });
  const inDoc = Y.encodeStateAsUpdate(doc).byteLength;
  const fabric = list.reduce((n, s) => n + fabricJson(s).length, 0);
  model.destroy();
  return [
    {
      measure: 'Bytes per freehand point (points only)',
      attune: (encoded / total).toFixed(2),
      anchor: "fabric's JSON of the same stroke as a PencilBrush path",
      anchorValue: (fabric / total).toFixed(1),
      target: '≤ 4',
    },
    {
      measure: 'Bytes per freehand point (whole stroke object in the document)',
      attune: (inDoc / total).toFixed(2),
      anchor: 'as above',
      anchorValue: (fabric / total).toFixed(1),
      target: '≤ 4',
    },
  ];
}

async function openPage(update: Uint8Array, count: number): Promise<{ row: Row; view: FabricView }> {
  const attune: number[] = [];
  const phases: number[][] = [];
  let view: FabricView | null = null;
  for (let run = 0; run < 3; run++) {
    await view?.dispose();
    stage.replaceChildren();
    await frame();
    if (config.profile) console.profile('open');
    const t0 = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const t1 = performance.now();
    const model = new CanvasModel(doc, new Y.Doc(), user);
    const objects = model.objects('main');
    const t2 = performance.now();
    view = new FabricView({ stage, loadImage: () => Promise.reject(new Error('none')) });
    await view.showPage(objects, '#ffffff', DEFAULT_SHEET);
    const t3 = performance.now();
    view.canvas.renderAll();
    await frame();
    const t4 = performance.now();
    if (config.profile) console.profileEnd('open');
    attune.push(t4 - t0);
    phases.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3]);
    model.destroy();
  }
  const middle = phases[attune.indexOf(median(attune))]!;
  notes.push(
    `Open, the median run by phase: apply the update ${ms(middle[0]!)}, read and validate ${ms(middle[1]!)}, ` +
      `build the fabric objects ${ms(middle[2]!)}, render and one frame ${ms(middle[3]!)}.`,
  );
  // Anchor: fabric's own path, the same outlines stored as fabric JSON and loaded with loadFromJSON.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const model = new CanvasModel(doc, new Y.Doc(), user);
  const json = JSON.stringify({
    version: '7.4.0',
    objects: model
      .objects('main')
      .map((o) =>
        o.kind === 'stroke'
          ? new Path(strokeOutline(o.points, o.size), { fill: o.color, strokeWidth: 0 }).toObject()
          : null,
      ),
  });
  model.destroy();
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:0;top:0;width:1024px;height:768px;visibility:hidden';
  document.body.append(holder);
  const anchor: number[] = [];
  for (let run = 0; run < 3; run++) {
    holder.replaceChildren();
    const element = document.createElement('canvas');
    holder.append(element);
    await frame();
    const t0 = performance.now();
    const canvas = new Canvas(element, { width: 1024, height: 768, renderOnAddRemove: false });
    await canvas.loadFromJSON(json);
    canvas.renderAll();
    await frame();
    anchor.push(performance.now() - t0);
    await canvas.dispose();
  }
  holder.remove();
  return {
    view: view!,
    row: {
      measure: `Open a ${count.toLocaleString('en')}-stroke page from the document to a rendered canvas (median of 3)`,
      attune: ms(median(attune)),
      anchor: "fabric's loadFromJSON of the same page",
      anchorValue: ms(median(anchor)),
      target: '< 1000 ms',
    },
  };
}

/** Frame work while drawing over the open page: overlay repaint versus re-rendering fabric. */
function drawingFrames(view: FabricView): Row {
  const style = { color: '#c0503a', size: 8, opacity: 1, highlighter: false };
  const [points] = strokes(7, 1, 240, 240);
  const attune: number[] = [];
  for (let i = 2; i <= points!.length; i++) {
    const t0 = performance.now();
    const ctx = view.clearOverlay();
    paintStroke(ctx, points!.slice(0, i), style);
    ctx.getImageData(0, 0, 1, 1); // Wait for the raster, not only the command queue.
    attune.push(performance.now() - t0);
  }
  const anchor: number[] = [];
  let live: Path | null = null;
  for (let i = 2; i <= 62; i++) {
    const t0 = performance.now();
    if (live) view.canvas.remove(live);
    live = new Path(strokeOutline(points!.slice(0, i), 8, false), { fill: style.color, strokeWidth: 0 });
    view.canvas.add(live);
    view.canvas.renderAll();
    view.canvas.getContext().getImageData(0, 0, 1, 1);
    anchor.push(performance.now() - t0);
  }
  if (live) view.canvas.remove(live);
  return {
    measure: 'Median frame time while drawing on that page (p95 in brackets)',
    attune: `${ms(median(attune))} (${ms(pct(attune, 0.95))})`,
    anchor: 'the live stroke as a fabric object, page re-rendered each frame',
    anchorValue: `${ms(median(anchor))} (${ms(pct(anchor, 0.95))})`,
    target: '< 16 ms',
  };
}

async function liveLatency(): Promise<Row> {
  const [a, b] = config.tokens.map((token) => new Session({ server: config.sync, sid: config.sid, token }));
  await Promise.all([a!.whenSynced(), b!.whenSynced()]);
  const sentAt = new Map<number, number>();
  const live: number[] = [];
  b!.onBroadcast(LIVE_CHANNEL, (payload) => {
    const message = decodeLive(payload);
    const t = message && sentAt.get(message.start);
    if (t !== undefined && t !== null) live.push(performance.now() - t);
  });
  const style = { color: '#3b7dd8', size: 8, opacity: 1, highlighter: false };
  for (let i = 0; i < 300; i++) {
    sentAt.set(i, performance.now());
    a!.broadcast(
      LIVE_CHANNEL,
      encodeLive({
        kind: LIVE_KIND.points,
        id: 'benchstroke',
        page: 'main',
        start: i,
        style,
        points: [{ x: i, y: i, p: 0.5 }],
      }),
    );
    await new Promise((r) => setTimeout(r, 16));
  }
  // Anchor: the same step as a document update (what a stroke committed on pointer-up takes).
  const docAt = new Map<number, number>();
  const docs: number[] = [];
  b!.docs.space.getMap('bench').observe((event) => {
    for (const key of event.keysChanged) {
      const t = docAt.get(Number(key));
      if (t !== undefined) docs.push(performance.now() - t);
    }
  });
  for (let i = 0; i < 300; i++) {
    docAt.set(i, performance.now());
    a!.docs.space.getMap('bench').set(String(i), i);
    await new Promise((r) => setTimeout(r, 16));
  }
  await new Promise((r) => setTimeout(r, 200));
  a!.destroy();
  b!.destroy();
  return {
    measure: `Live stroke point from A to B over loopback, p50 / p95 (${live.length} of 300 received)`,
    attune: `${ms(median(live))} / ${ms(pct(live, 0.95))}`,
    anchor: 'one document update A to B through the same server',
    anchorValue: `${ms(median(docs))} / ${ms(pct(docs, 0.95))}`,
    target: 'p95 < 50 ms',
  };
}

async function main(): Promise<void> {
  const rows = bytesPerPoint();
  const doc = new Y.Doc();
  const model = new CanvasModel(doc, new Y.Doc(), user);
  for (const points of strokes(3, config.pageStrokes, 20, 80))
    model.addStroke({ page: 'main', points, color: '#1f2933', size: 6 });
  model.destroy();
  const { row, view } = await openPage(Y.encodeStateAsUpdate(doc), config.pageStrokes);
  rows.push(row, drawingFrames(view));
  await view.dispose();
  rows.push(await liveLatency());
  (window as unknown as { __notes: string[] }).__notes = notes;
  (window as unknown as { __results: Row[] }).__results = rows;
}

main().catch((error: unknown) => {
  (window as unknown as { __error: string }).__error = String((error as Error)?.stack ?? error);
});
