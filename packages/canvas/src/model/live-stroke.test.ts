import { describe, expect, it } from 'vitest';
import { decodeLive, encodeLive, LIVE_KIND, LIVE_TIMEOUT, LiveStrokes } from './live-stroke.js';
import type { LiveMessage } from './live-stroke.js';
import { quantizePoints } from './points.js';

const style = { color: '#3b7dd8', size: 8, opacity: 0.5, highlighter: true };
const message = (start: number, xs: number[], kind: LiveMessage['kind'] = LIVE_KIND.points): LiveMessage => ({
  kind,
  id: 'stroke1',
  page: 'main',
  start,
  style,
  points: xs.map((x) => ({ x, y: 1, p: 0.5 })),
});

describe('live stroke messages', () => {
  it('round-trip', () => {
    const decoded = decodeLive(encodeLive(message(3, [1, 2, 3])));
    const sent = message(3, [1, 2, 3]);
    expect(decoded).toEqual({ ...sent, points: quantizePoints(sent.points) });
  });

  it('refuse malformed or hostile input', () => {
    const bytes = encodeLive(message(0, [1]));
    expect(decodeLive(bytes.slice(0, 6))).toBeNull();
    expect(decodeLive(encodeLive({ ...message(0, [1]), id: 'no spaces allowed' }))).toBeNull();
    expect(decodeLive(encodeLive({ ...message(0, [1]), style: { ...style, color: 'red' } }))).toBeNull();
    expect(decodeLive(encodeLive({ ...message(0, [1]), style: { ...style, size: 5000 } }))).toBeNull();
    expect(decodeLive(Uint8Array.of(7))).toBeNull();
  });
});

describe('LiveStrokes', () => {
  it('grows a stroke chunk by chunk and ignores repeated points', () => {
    const live = new LiveStrokes(() => false);
    live.apply(message(0, [1, 2]), 0);
    live.apply(message(1, [2, 3, 4]), 1);
    expect(live.onPage('main')[0]!.points.map((p) => p.x)).toEqual([1, 2, 3, 4]);
    expect(live.onPage('other')).toEqual([]);
  });

  it('never shows a stroke already committed, whatever the order', () => {
    const committed = new Set<string>();
    const live = new LiveStrokes((id) => committed.has(id));
    live.apply(message(0, [1]), 0);
    committed.add('stroke1');
    expect(live.prune(1)).toBe(true);
    expect(live.apply(message(1, [2]), 2)).toBeNull();
    expect(live.strokes.size).toBe(0);
  });

  it('drops cancelled strokes and those gone quiet', () => {
    const live = new LiveStrokes(() => false);
    live.apply(message(0, [1]), 0);
    live.apply(message(0, [], LIVE_KIND.cancel), 1);
    expect(live.strokes.size).toBe(0);
    live.apply(message(0, [1]), 0);
    expect(live.prune(LIVE_TIMEOUT - 1)).toBe(false);
    expect(live.prune(LIVE_TIMEOUT + 1)).toBe(true);
  });
});
