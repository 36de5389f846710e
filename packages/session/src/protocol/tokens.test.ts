import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, checkClaims, readClaims } from './tokens.js';

const SID = 'Qm9vdHN0cmFwU2Vzc2lvbjE';
const NOW = Math.floor(Date.now() / 1000);

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** An HS256 JWT, made the way any portal's JWT library makes one. */
function jwt(payload: Record<string, unknown>, secret = 'portal-secret'): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

const claims = { sid: SID, role: 'client', sub: 'c_7f3k', name: 'Sam', exp: NOW + 3600 };

describe('readClaims', () => {
  it('reads who the token is for, without needing the secret', () => {
    expect(readClaims(jwt({ ...claims, iat: NOW }))).toEqual(claims);
  });

  it('reads names in any script, as base64url of UTF-8', () => {
    // These names make base64url use "-" and "_" and need padding restored.
    for (const name of ['Zoë', 'Дарина', '小明', 'Ana 🌻', 'Jo?>~']) {
      expect(readClaims(jwt({ ...claims, name }))?.name).toBe(name);
    }
  });

  it('still reads an expired token, so the page can say it has expired', () => {
    expect(readClaims(jwt({ ...claims, exp: NOW - 60 }))?.exp).toBe(NOW - 60);
  });

  it('refuses what is not a token with valid claims', () => {
    const good = jwt(claims);
    const [head, , signature] = good.split('.');
    const cases: Record<string, string> = {
      empty: '',
      'two parts': `${head}.${b64url(JSON.stringify(claims))}`,
      'four parts': `${good}.x`,
      'empty body': `${head}..${signature}`,
      'body not base64': `${head}.%%%.${signature}`,
      'body not JSON': `${head}.${b64url('hello')}.${signature}`,
      'body a string': `${head}.${b64url('"hello"')}.${signature}`,
      'body null': `${head}.${b64url('null')}.${signature}`,
      'unknown role': jwt({ ...claims, role: 'admin' }),
      'short sid': jwt({ ...claims, sid: 'abc' }),
      'sid with a slash': jwt({ ...claims, sid: `${SID.slice(0, 10)}/${SID.slice(11)}` }),
      'empty sub': jwt({ ...claims, sub: '' }),
      'long name': jwt({ ...claims, name: 'x'.repeat(65) }),
      'no exp': jwt({ sid: SID, role: 'client', sub: 'c_1', name: 'Sam' }),
      'exp as text': jwt({ ...claims, exp: String(NOW + 60) }),
      'too long': jwt({ ...claims, pad: 'x'.repeat(MAX_TOKEN_LENGTH) }),
    };
    for (const [what, token] of Object.entries(cases)) {
      expect(readClaims(token), what).toBeNull();
    }
  });
});

describe('checkClaims', () => {
  it('keeps only the claims of the contract', () => {
    expect(checkClaims({ ...claims, iat: NOW, extra: 'dropped' })).toEqual(claims);
  });

  it('accepts every role and an empty display name', () => {
    for (const role of ['therapist', 'assistant', 'client', 'caregiver', 'observer']) {
      expect(checkClaims({ ...claims, role, name: '' })?.role).toBe(role);
    }
  });

  it('refuses a non-finite expiry', () => {
    expect(checkClaims({ ...claims, exp: Number.POSITIVE_INFINITY })).toBeNull();
    expect(checkClaims({ ...claims, exp: Number.NaN })).toBeNull();
  });
});
