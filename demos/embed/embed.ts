/**
 * The embedding example: the page is plain HTML with Attune's elements; this
 * script only registers them and hands the portal's token to the root.
 */
import '@attune/canvas/attune-canvas/attune-canvas.js';
import '@attune/session/attune-session.js';
import '@attune/session/attune-video.js';
import { claimsOf, takeToken } from '../shared/links.js';

const token = takeToken('attune.embedToken');
const claims = claimsOf(token);
const root = document.querySelector('attune-session');
if (root && token && claims) {
  root.sessionId = claims.sid;
  root.token = token;
} else {
  root?.remove();
  document.getElementById('missing')?.removeAttribute('hidden');
}
