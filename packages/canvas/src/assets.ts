/**
 * Images are stored once per session on the server, by content hash:
 * `POST /api/sessions/:sid/assets` with the raw bytes, `GET` of the returned
 * url; both with the participant's bearer token. Types are checked by
 * content here as well as on the server, so a wrong file fails fast.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const ASSET_ERROR = {
  tooLarge: 'asset-too-large',
  unsupported: 'unsupported-media-type',
  forbidden: 'forbidden',
  network: 'network',
  failed: 'failed',
} as const;
export type AssetErrorCode = (typeof ASSET_ERROR)[keyof typeof ASSET_ERROR];

export class AssetError extends Error {
  constructor(
    readonly code: AssetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AssetError';
  }
}

export interface StoredAsset {
  hash: string;
  type: ImageType;
  bytes: number;
  url: string;
}

/** The image type from the first bytes, whatever the file claims to be. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  const riff = starts(0x52, 0x49, 0x46, 0x46);
  const webp = head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50;
  return riff && webp ? 'image/webp' : null;
}

export const MESSAGES: Record<AssetErrorCode, string> = {
  'asset-too-large': 'That image is larger than 5 MB.',
  'unsupported-media-type': 'That file is not a PNG, JPEG or WebP image.',
  forbidden: 'You cannot add images here.',
  network: 'The image could not be sent. Check the connection and try again.',
  failed: 'The image could not be stored.',
};

export interface AssetClient {
  sid: string;
  /**
   * Calls the server's HTTP API as the participant: a path such as
   * `/api/sessions/<sid>/assets`, resolved against the server, with the bearer
   * token added (`Session#fetchApi`).
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export async function uploadImage(client: AssetClient, file: Blob): Promise<StoredAsset> {
  if (file.size > MAX_IMAGE_BYTES) throw new AssetError('asset-too-large', MESSAGES['asset-too-large']);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 16));
  if (!type) throw new AssetError('unsupported-media-type', MESSAGES['unsupported-media-type']);
  let response: Response;
  try {
    response = await client.fetch(`/api/sessions/${encodeURIComponent(client.sid)}/assets`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes,
    });
  } catch {
    throw new AssetError('network', MESSAGES.network);
  }
  if (!response.ok) throw await errorFrom(response);
  const body = (await response.json().catch(() => null)) as Partial<StoredAsset> | null;
  if (!body || typeof body.hash !== 'string' || !/^[0-9a-f]{64}$/.test(body.hash)) {
    throw new AssetError('failed', MESSAGES.failed);
  }
  return { hash: body.hash, type, bytes: bytes.byteLength, url: assetPath(client.sid, body.hash) };
}

export function assetPath(sid: string, hash: string): string {
  return `/api/sessions/${encodeURIComponent(sid)}/assets/${hash}`;
}

/** Fetches an image as the participant; returns an object URL the caller revokes. */
export async function fetchImage(client: AssetClient, hash: string): Promise<string> {
  let response: Response;
  try {
    response = await client.fetch(assetPath(client.sid, hash));
  } catch {
    throw new AssetError('network', MESSAGES.network);
  }
  if (!response.ok) throw await errorFrom(response);
  const blob = await response.blob();
  const type = sniffImageType(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
  if (!type || blob.size > MAX_IMAGE_BYTES)
    throw new AssetError('unsupported-media-type', MESSAGES['unsupported-media-type']);
  return URL.createObjectURL(new Blob([blob], { type }));
}

async function errorFrom(response: Response): Promise<AssetError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  const code = body?.error?.code;
  if (code === 'asset-too-large' || response.status === 413)
    return new AssetError('asset-too-large', MESSAGES['asset-too-large']);
  if (code === 'unsupported-media-type' || response.status === 415) {
    return new AssetError('unsupported-media-type', MESSAGES['unsupported-media-type']);
  }
  if (response.status === 401 || response.status === 403)
    return new AssetError('forbidden', MESSAGES.forbidden);
  return new AssetError('failed', MESSAGES.failed);
}
