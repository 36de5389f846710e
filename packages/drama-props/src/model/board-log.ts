/**
 * The board's log: what was placed, moved, handed over and put away, in
 * order. It drives the live-region announcements and the replay.
 */
import type { Actor } from './parse.js';
import { actor, num, text } from './parse.js';

export const LOG_KINDS = ['place', 'move', 'hand', 'away', 'draw', 'clear'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogEntry {
  id: string;
  kind: LogKind;
  /** Shared-clock time, ms. */
  at: number;
  itemId: string;
  propId: string;
  x: number;
  y: number;
  by: Actor;
  /** `hand`: who received it. */
  to?: Actor;
  /** `place` and `move`: the prop it landed nearest to, when one is close. */
  near?: string;
  /** The item came out of the magic bag (so putting it away returns it there). */
  fromBag?: boolean;
}

export function parseLogEntry(value: unknown): LogEntry | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const kind = raw['kind'];
  const by = actor(raw['by']);
  if (!LOG_KINDS.includes(kind as LogKind) || !by) return null;
  const entry: LogEntry = {
    id: text(raw['id'], 32),
    kind: kind as LogKind,
    at: num(raw['at'], 0, 8.64e15, 0),
    itemId: text(raw['itemId'], 32),
    propId: text(raw['propId'], 80),
    x: num(raw['x'], 0, 1, 0.5),
    y: num(raw['y'], 0, 1, 0.5),
    by,
  };
  const to = actor(raw['to']);
  if (to) entry.to = to;
  if (typeof raw['near'] === 'string') entry.near = text(raw['near'], 80);
  if (raw['fromBag'] === true) entry.fromBag = true;
  return entry;
}

export interface DescribeOptions {
  /** The local participant: their own actions read "You …". */
  selfId?: string;
  /** A prop id to its name ("sunglasses"). */
  nameOf: (propId: string) => string;
}

function who(person: Actor, selfId: string | undefined, subject: boolean): string {
  if (person.id === selfId) return subject ? 'You' : 'you';
  return person.name || 'Someone';
}

/** One plain sentence for the live region: "Sam placed the sunglasses near the umbrella". */
export function describeEntry(entry: LogEntry, options: DescribeOptions): string {
  const by = who(entry.by, options.selfId, true);
  const prop = `the ${options.nameOf(entry.propId)}`;
  const near = entry.near ? ` near the ${options.nameOf(entry.near)}` : '';
  switch (entry.kind) {
    case 'place':
      return `${by} placed ${prop}${near || ' on the board'}`;
    case 'move':
      return `${by} moved ${prop}${near}`;
    case 'hand':
      return `${by} handed ${prop} to ${entry.to ? who(entry.to, options.selfId, false) : 'someone'}`;
    case 'away':
      return `${by} put ${prop} away${entry.fromBag ? ' in the bag' : ''}`;
    case 'draw':
      return `${by} drew ${prop} from the bag`;
    case 'clear':
      return `${by} cleared the board`;
  }
}

/** Where a spot is, in words: "top left", "centre", "bottom right". */
export function describeSpot(x: number, y: number): string {
  const row = y < 1 / 3 ? 'top' : y > 2 / 3 ? 'bottom' : 'middle';
  const column = x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'centre';
  if (row === 'middle') return column === 'centre' ? 'centre' : `middle ${column}`;
  return `${row} ${column}`;
}
