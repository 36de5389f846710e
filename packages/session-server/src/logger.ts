/**
 * pino, with redaction as a second line of defence: the code never logs a
 * token, a URL with a query string or a display name in the first place.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'attune-session-server' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'url',
        '*.url',
        'name',
        '*.name',
      ],
      censor: '[redacted]',
    },
  });
}
