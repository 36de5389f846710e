/** What one transaction did to the canvas objects, read from Yjs' deep events. */
import type * as Y from 'yjs';

export interface ObjectChanges {
  added: string[];
  updated: string[];
  /** Of `updated`, those whose only change is where they sit (moved, scaled, rotated, restacked). */
  placed: string[];
  removed: string[];
}

const PLACEMENT_KEYS = new Set(['left', 'top', 'scaleX', 'scaleY', 'angle', 'z']);

export function readChanges(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  objects: object,
): ObjectChanges {
  const added = new Set<string>();
  const updated = new Set<string>();
  const reshaped = new Set<string>();
  const removed = new Set<string>();
  for (const event of events) {
    if (event.target === objects) {
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'delete') removed.add(key);
        else if (change.action === 'add') added.add(key);
        else updated.add(key);
      }
    } else {
      const key = String(event.path[0]);
      updated.add(key);
      for (const field of event.keys.keys()) if (!PLACEMENT_KEYS.has(field)) reshaped.add(key);
    }
  }
  for (const key of added) updated.delete(key);
  return {
    added: [...added],
    updated: [...updated],
    placed: [...updated].filter((key) => !reshaped.has(key)),
    removed: [...removed],
  };
}
