import { describe, expect, it } from 'vitest';
import { AssetError, MAX_IMAGE_BYTES, fetchImage, sniffImageType, uploadImage } from './assets.js';

const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const webp = Uint8Array.of(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50);
const hash = 'a'.repeat(64);
/** A client that records what it was asked to send and answers with `reply`. */
function fake(reply: () => Response) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const client = {
    sid: 'x'.repeat(20),
    fetch: (path: string, init?: RequestInit) => {
      calls.push({ path, init });
      return Promise.resolve(reply());
    },
  };
  return { client, calls };
}
const { client, calls: unsent } = fake(() => Response.json({ hash }));

describe('image assets', () => {
  it('tell the type by content', () => {
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Uint8Array.of(0x47, 0x49, 0x46, 0x38))).toBeNull();
  });

  it('refuse a file that lies about its type before sending it', async () => {
    const lying = new Blob([new TextEncoder().encode('GIF89a not really a png')], { type: 'image/png' });
    await expect(uploadImage(client, lying)).rejects.toMatchObject({ code: 'unsupported-media-type' });
  });

  it('refuse a file over 5 MB before sending it', async () => {
    const big = new Blob([png, new Uint8Array(MAX_IMAGE_BYTES)], { type: 'image/png' });
    const error = await uploadImage(client, big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssetError);
    expect((error as AssetError).message).toMatch(/larger than 5 MB/);
    expect(unsent).toEqual([]);
  });

  it('upload the bytes as the participant, by path, with their real type', async () => {
    const { client: ok, calls } = fake(() => Response.json({ hash }, { status: 201 }));
    const stored = await uploadImage(ok, new Blob([webp], { type: 'image/png' }));
    expect(stored).toMatchObject({ hash, type: 'image/webp', url: `/api/sessions/${ok.sid}/assets/${hash}` });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe(`/api/sessions/${ok.sid}/assets`);
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'image/webp' } });
    const refused = fake(() => Response.json({ error: { code: 'forbidden' } }, { status: 403 }));
    await expect(uploadImage(refused.client, new Blob([png]))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('fetch an image by path and check its content before showing it', async () => {
    const good = fake(() => new Response(png));
    const url = await fetchImage(good.client, hash);
    expect(good.calls.map((c) => c.path)).toEqual([`/api/sessions/${good.client.sid}/assets/${hash}`]);
    expect(url).toMatch(/^blob:/);
    URL.revokeObjectURL(url);
    const svg = fake(() => new Response('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    await expect(fetchImage(svg.client, hash)).rejects.toMatchObject({ code: 'unsupported-media-type' });
    const offline = { sid: 's', fetch: () => Promise.reject(new TypeError('offline')) };
    await expect(fetchImage(offline, hash)).rejects.toMatchObject({ code: 'network' });
  });
});
