/**
 * Images for one element: uploads through the session's asset route and
 * fetches into object URLs (both as the participant, through
 * `Session#fetchApi`), released on disposal.
 */
import type { Session } from '@attune/session';
import { AssetError, MESSAGES, fetchImage, uploadImage } from '../assets.js';
import type { AssetClient, AssetErrorCode } from '../assets.js';
import type { CanvasRefusedDetail } from '../events.js';
import type { CanvasModel } from '../model/canvas-model.js';
import type { FabricView } from '../render/fabric-view.js';

export interface PlacedImage {
  hash: string;
  /** Display size, at most 400 px on the longer side. */
  w: number;
  h: number;
}

export class ImageAssets {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly session: () => Session | undefined) {}

  load(hash: string): Promise<string> {
    let url = this.urls.get(hash);
    const client = this.client();
    if (!url && client) {
      url = fetchImage(client, hash);
      this.urls.set(hash, url);
      // A failed fetch may succeed later (the upload was still in flight).
      url.catch(() => this.urls.delete(hash));
    }
    return url ?? Promise.reject(new Error('no session'));
  }

  /** Uploads the file; resolves with where to place it, or an error code and message. */
  async upload(file: File): Promise<PlacedImage | { code: AssetErrorCode; message: string }> {
    const client = this.client();
    if (!client) return { code: 'failed', message: MESSAGES.failed };
    try {
      const asset = await uploadImage(client, file);
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 400 / Math.max(bitmap.width, bitmap.height));
      const placed = { hash: asset.hash, w: bitmap.width * scale, h: bitmap.height * scale };
      bitmap.close();
      return placed;
    } catch (error) {
      if (error instanceof AssetError) return { code: error.code, message: error.message };
      return { code: 'failed', message: MESSAGES.failed };
    }
  }

  /** Uploads and places the image in the middle of the paper in view; the new id, or why not. */
  async add(
    file: File,
    model: CanvasModel,
    view: FabricView,
    page: string,
  ): Promise<{ id: string } | { reason: CanvasRefusedDetail['reason']; message?: string }> {
    const refusal = model.refusal(page);
    if (refusal) return { reason: refusal };
    const placed = await this.upload(file);
    if ('code' in placed) return { reason: placed.code, message: placed.message };
    // In the middle of the part of the paper in view, so it lands on the paper.
    const seen = view.pageInView;
    const center = { x: seen.x + seen.width / 2, y: seen.y + seen.height / 2 };
    const { hash, w, h } = placed;
    const id = model.addImage({ page, x: center.x - w / 2, y: center.y - h / 2, w, h, hash });
    return id ? { id } : { reason: model.refusal(page) ?? 'forbidden' };
  }

  dispose(): void {
    for (const url of this.urls.values()) url.then(URL.revokeObjectURL, () => {});
    this.urls.clear();
  }

  private client(): AssetClient | null {
    const session = this.session();
    if (!session) return null;
    return { sid: session.sid, fetch: (path, init) => session.fetchApi(path, init) };
  }
}
