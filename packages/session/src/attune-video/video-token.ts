/** Fetching this participant's LiveKit token from the session server. */
import type { Session } from '../session.js';

export interface VideoToken {
  url: string;
  token: string;
  room: string;
  identity: string;
}

export type VideoTokenResult = { ok: true; video: VideoToken } | { ok: false; code: string; message: string };

const MAX_FIELD = 8192;

function isVideoToken(body: unknown): body is VideoToken {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    ['url', 'token', 'room', 'identity'].every(
      (k) => typeof b[k] === 'string' && (b[k] as string).length > 0 && (b[k] as string).length < MAX_FIELD,
    ) && /^(wss?|https?):\/\//.test(b.url as string)
  );
}

export async function fetchVideoToken(
  session: Pick<Session, 'sid' | 'fetchApi'>,
  token = '',
): Promise<VideoTokenResult> {
  let response: Response;
  try {
    response = await session.fetchApi(
      `/api/sessions/${encodeURIComponent(session.sid)}/video-token`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );
  } catch {
    return { ok: false, code: 'network', message: 'The server could not be reached' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isVideoToken(body)) return { ok: true, video: body };
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    ok: false,
    code: typeof error?.code === 'string' ? error.code.slice(0, 64) : `http-${response.status}`,
    message: typeof error?.message === 'string' ? error.message.slice(0, 200) : 'Video could not start',
  };
}
