/** Rebuilds the board after each logged step, so a session's placements can be watched again in order. */
import type { LogEntry } from './board-log.js';
import type { Actor } from './parse.js';

export interface ReplayItem {
  id: string;
  propId: string;
  x: number;
  y: number;
  onBoard: boolean;
  heldBy: Actor | null;
}

export interface ReplayFrame {
  entry: LogEntry;
  items: ReplayItem[];
}

export function replayFrames(entries: readonly LogEntry[]): ReplayFrame[] {
  const items = new Map<string, ReplayItem>();
  const frames: ReplayFrame[] = [];
  for (const entry of entries) {
    const current = items.get(entry.itemId);
    switch (entry.kind) {
      case 'place':
      case 'move':
        if (current) Object.assign(current, { x: entry.x, y: entry.y, onBoard: true });
        else
          items.set(entry.itemId, {
            id: entry.itemId,
            propId: entry.propId,
            x: entry.x,
            y: entry.y,
            onBoard: true,
            heldBy: null,
          });
        break;
      case 'draw':
        items.set(entry.itemId, {
          id: entry.itemId,
          propId: entry.propId,
          x: entry.x,
          y: entry.y,
          onBoard: false,
          heldBy: entry.by,
        });
        break;
      case 'hand':
        if (current) current.heldBy = entry.to ?? null;
        break;
      case 'away':
        items.delete(entry.itemId);
        break;
      case 'clear':
        items.clear();
        break;
    }
    frames.push({ entry, items: [...items.values()].map((item) => ({ ...item })) });
  }
  return frames;
}
