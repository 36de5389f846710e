import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, optionsFromEnv, portFrom } from './config.js';

describe('optionsFromEnv', () => {
  it('names the variable of a value it cannot use, without repeating the value', () => {
    expect(() => optionsFromEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => optionsFromEnv({ PORT: 'abc' })).toThrow(/^PORT must be a whole number$/);
    expect(() => optionsFromEnv({ PORT: '70000' })).toThrow(/PORT must be at most 65535/);
    expect(() => optionsFromEnv({ PORT: '80.5' })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ ATTUNE_MAX_DOC_BYTES: '-1' })).toThrow(/ATTUNE_MAX_DOC_BYTES/);
    expect(() => optionsFromEnv({ ATTUNE_TRUST_PROXY: 'maybe' })).toThrow(/ATTUNE_TRUST_PROXY/);
    expect(() => optionsFromEnv({ ATTUNE_SQLITE_SYNC: 'sometimes' })).toThrow(
      /ATTUNE_SQLITE_SYNC must be normal or full/,
    );
    expect(() => optionsFromEnv({ ATTUNE_EMBED_ORIGINS: 'https://ok.example javascript:alert(1)' })).toThrow(
      /ATTUNE_EMBED_ORIGINS/,
    );
    expect(() => optionsFromEnv({ ATTUNE_ROOM_IDLE_MS: 'soon' })).toThrow(/ATTUNE_ROOM_IDLE_MS/);
    expect(() => portFrom('x')).toThrow(/--port must be a whole number/);
  });

  it('reads good values, and leaves unset or empty ones to the defaults', () => {
    expect(
      optionsFromEnv({
        PORT: ' 8080 ',
        HOST: '0.0.0.0',
        ATTUNE_TRUST_PROXY: 'true',
        ATTUNE_EMBED_ORIGINS: 'https://portal.example  https://care.example:8443',
        ATTUNE_MAX_ASSET_BYTES_PER_SESSION: '1000000',
        ATTUNE_INVITES_PER_SESSION_PER_MINUTE: '5',
        ATTUNE_ROOM_IDLE_MS: '0',
        ATTUNE_DATA: '',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      trustProxy: true,
      embedOrigins: ['https://portal.example', 'https://care.example:8443'],
      limits: { maxAssetBytesPerSession: 1_000_000, invitesPerSessionPerMinute: 5 },
      roomIdleMs: 0,
    });
    expect(optionsFromEnv({ ATTUNE_TRUST_PROXY: '0' }).trustProxy).toBeUndefined();
    expect(optionsFromEnv({})).toEqual({});
  });

  it('has a default for every limit', () => {
    expect(DEFAULT_LIMITS.maxAssetBytesPerSession).toBe(50 * 1024 * 1024);
    expect(DEFAULT_LIMITS.adminKeyFailuresPerMinute).toBe(10);
    expect(DEFAULT_LIMITS.maxTokenTtlSeconds).toBe(30 * 86_400);
  });
});
