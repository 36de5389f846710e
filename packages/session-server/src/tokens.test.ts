import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenError, TokenKeys } from './tokens.js';

const SECRET = 'a-test-secret-of-enough-length-000';
const SID = 'AAAAAAAAAAAAAAAAAAAAAA';

function mint(claims: Record<string, unknown>, exp: number): Promise<string> {
  return new SignJWT({ sid: SID, role: 'client', name: 'Sam', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('c_1')
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(SECRET));
}

const now = (): number => Math.floor(Date.now() / 1000);

async function problem(keys: TokenKeys, token: string): Promise<string | null> {
  try {
    await keys.verify(token);
    return null;
  } catch (error) {
    return error instanceof TokenError ? error.problem : 'other';
  }
}

describe('TokenKeys', () => {
  it('refuses an exp past the bound (30 days by default), with a little room for clock skew', async () => {
    const keys = new TokenKeys(SECRET);
    expect(await problem(keys, await mint({}, now() + 30 * 86_400))).toBeNull();
    expect(await problem(keys, await mint({}, now() + 30 * 86_400 + 60))).toBeNull();
    expect(await problem(keys, await mint({}, now() + 31 * 86_400))).toBe('invalid-claims');
    expect(await problem(keys, await mint({}, 253402300799))).toBe('invalid-claims');
    const short = new TokenKeys(SECRET, { maxTtlSeconds: 3600 });
    expect(await problem(short, await mint({}, now() + 2 * 3600))).toBe('invalid-claims');
  });

  it('refuses empty, blank and overlong names', async () => {
    const keys = new TokenKeys(SECRET);
    for (const name of ['', ' ', '\t\n', 'x'.repeat(65)]) {
      expect(await problem(keys, await mint({ name }, now() + 60))).toBe('invalid-claims');
    }
    expect(await problem(keys, await mint({ name: ' Sam ' }, now() + 60))).toBeNull();
  });

  it('signs within the bound, so what it signs verifies', async () => {
    const keys = new TokenKeys(SECRET, { maxTtlSeconds: 3600 });
    const token = await keys.sign({
      sid: SID,
      role: 'client',
      sub: 'c_1',
      name: 'Sam',
      ttlSeconds: 365 * 86_400,
    });
    const claims = await keys.verify(token);
    expect(claims.exp).toBeLessThanOrEqual(now() + 3600);
  });
});
