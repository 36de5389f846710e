/** Keyboard and wheel input for the element: tools by letter, undo and redo, delete, escape, zoom and pan. */
import type { FabricView } from '../render/fabric-view.js';
import type { Tool } from './drawing.js';
import { TOOL_INFO } from './toolbar.js';

const BY_KEY = new Map(
  Object.entries(TOOL_INFO).map(([tool, info]) => [info.key.toLowerCase(), tool as Tool]),
);

export interface KeyHost {
  readonly view: FabricView | null;
  readonly selectedId: string | null;
  undo(): void;
  redo(): void;
  removeSelected(): void;
  escape(): void;
  viewChanged(): void;
  /** Picks a tool from its letter; false when this person has no such tool. */
  chooseTool(tool: Tool): boolean;
}

export function onKey(host: KeyHost, event: KeyboardEvent): void {
  const inField = (event.composedPath()[0] as HTMLElement | undefined)?.matches?.('input, select, textarea');
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && (key === 'z' || key === 'y')) {
    event.preventDefault();
    if (key === 'y' || event.shiftKey) host.redo();
    else host.undo();
  } else if (!inField && (event.key === 'Delete' || event.key === 'Backspace') && host.selectedId) {
    host.removeSelected();
  } else if (event.key === 'Escape') {
    host.escape();
  } else if (!inField && !mod && !event.altKey && BY_KEY.has(key) && host.chooseTool(BY_KEY.get(key)!)) {
    event.preventDefault();
  }
}

/** Ctrl (or Cmd) and the wheel zoom at the pointer; the wheel alone pans. */
export function onWheel(host: KeyHost, stage: HTMLElement, event: WheelEvent): void {
  const { view } = host;
  if (!view) return;
  event.preventDefault();
  const rect = stage.getBoundingClientRect();
  if (event.ctrlKey || event.metaKey) {
    view.zoomAt(Math.exp(-event.deltaY / 300), event.clientX - rect.left, event.clientY - rect.top);
  } else view.panBy(-event.deltaX, -event.deltaY);
  host.viewChanged();
}
