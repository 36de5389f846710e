import { describe, expect, it } from 'vitest';
import { AssetError, MAX_IMAGE_BYTES, sniffImageType, uploadImage } from './assets.js';

const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const webp = Uint8Array.of(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50);
const client = { base: 'http://127.0.0.1:9', sid: 'x'.repeat(20), token: 't' };

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
  });
});
