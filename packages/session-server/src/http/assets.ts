/** Uploaded images: type checked by content, never by what the client claims. */

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The image type from the file's first bytes, or null. */
export function sniffImageType(data: Uint8Array): ImageType | null {
  const starts = (bytes: number[], offset = 0): boolean =>
    data.byteLength >= offset + bytes.length && bytes.every((b, i) => data[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export function isAssetHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
