/** Calm, distinguishable participant colours, picked from a stable hash of the id. */
export const PARTICIPANT_COLORS = [
  '#3b7dd8',
  '#d9822b',
  '#2f9e6e',
  '#b04fb8',
  '#c0503a',
  '#1f8f9f',
  '#8a6d1f',
  '#5c63c9',
] as const;

export function colorFor(id: string): string {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PARTICIPANT_COLORS[(hash >>> 0) % PARTICIPANT_COLORS.length]!;
}
