/** Shared pieces of Attune's look: icons and the common control styles. */
export { icon, type IconNode } from './icon.js';
export { tokens, controls } from '../tokens.css.js';
export { toolBar } from './tool-bar.css.js';
