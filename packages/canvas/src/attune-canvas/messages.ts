/** What the status line says when something is refused. */
import type { Refusal } from '../model/canvas-model.js';

export const REFUSALS: Record<Refusal, string> = {
  'read-only': 'You are watching: drawing is off for you.',
  held: 'The therapist is holding the room.',
  locked: 'The therapist has locked the canvas.',
  'not-owner': 'This page belongs to someone else.',
  protected: 'That is protected by the therapist.',
  forbidden: 'That is not available to you.',
  invalid: 'That is no longer there.',
  'off-paper': 'Some of the drawing would fall off that paper.',
};
