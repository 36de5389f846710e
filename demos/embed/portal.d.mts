export function mintToken(
  secret: string,
  claims: { sid: string; role: string; name?: string | null; ttlSeconds?: number },
): Promise<string>;
