/**
 * A person's display preferences, kept in this browser (localStorage): they
 * say nothing about the person and are worth keeping from one session to the
 * next. Every read and write tolerates storage being unavailable.
 */

const LARGE = 'attune.largeControls';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage: the preference then lasts for this page only.
  }
}

/** A remembered on/off choice, `fallback` until the person makes one. */
export function remembered(key: string, fallback: boolean): boolean {
  const value = read(key);
  return value === null ? fallback : value === '1';
}

export function remember(key: string, on: boolean): void {
  write(key, on ? '1' : '0');
}

export function largeControls(): boolean {
  return remembered(LARGE, false);
}

/** Sets "Larger controls" on the page: 56 px targets and larger text (see page.css). */
export function setLargeControls(on: boolean): void {
  remember(LARGE, on);
  applyLargeControls();
}

/** Applies the remembered choice; the pages call it before their first render. */
export function applyLargeControls(): void {
  document.documentElement.classList.toggle('large-controls', largeControls());
}
