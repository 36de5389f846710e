export * from './access.js';
export * from './close-codes.js';
export * from './control.js';
export * from './http.js';
export * from './ids.js';
export * from './messages.js';
export * from './tokens.js';
