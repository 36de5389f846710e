/**
 * LiveKit tokens for `GET /api/sessions/:sid/video-token`.
 *
 * The LiveKit room is the session id and the identity is the opaque `sub` of
 * the Attune token: no name or other personal data reaches the video server.
 * Pages label video tiles from the session's awareness, where `user.id` is the
 * same `sub`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessToken } from 'livekit-server-sdk';
import type { Role, TokenClaims } from '@attune/session/protocol';
import { HttpError, bearer, sendJson } from './http/respond.js';

export interface VideoConfig {
  /** `wss://…` of the LiveKit server, as the browser reaches it. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface VideoTokenResponse {
  url: string;
  token: string;
  room: string;
  identity: string;
  /** Seconds the token stays valid. */
  ttlSeconds: number;
}

/** A video token never outlives the Attune token, nor this. */
export const MAX_VIDEO_TTL_SECONDS = 6 * 3600;

/** Reads LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET; null when any is missing. */
export function videoConfigFrom(env: NodeJS.ProcessEnv): VideoConfig | null {
  const url = env.LIVEKIT_URL?.trim();
  const apiKey = env.LIVEKIT_API_KEY?.trim();
  const apiSecret = env.LIVEKIT_API_SECRET?.trim();
  if (!url || !apiKey || !apiSecret) return null;
  if (!/^(wss?|https?):\/\//.test(url)) return null;
  return { url, apiKey, apiSecret };
}

/** What each role may do in the video room. An observer only watches and listens. */
export function videoGrantFor(role: Role, room: string) {
  const participates = role !== 'observer';
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: participates,
    canPublishData: participates,
    canUpdateOwnMetadata: false,
    hidden: false,
  };
}

export async function mintVideoToken(config: VideoConfig, claims: TokenClaims): Promise<VideoTokenResponse> {
  const remaining = Math.floor(claims.exp - Date.now() / 1000);
  const ttlSeconds = Math.max(60, Math.min(remaining, MAX_VIDEO_TTL_SECONDS));
  const token = new AccessToken(config.apiKey, config.apiSecret, {
    identity: claims.sub,
    ttl: ttlSeconds,
    metadata: JSON.stringify({ role: claims.role }),
  });
  token.addGrant(videoGrantFor(claims.role, claims.sid));
  return {
    url: config.url,
    token: await token.toJwt(),
    room: claims.sid,
    identity: claims.sub,
    ttlSeconds,
  };
}

/**
 * Answers the video-token route: 503 `video-unavailable` when no LiveKit is
 * configured, after the caller's token has been checked either way.
 */
export async function videoToken(
  authenticate: (token: string | null, sid: string) => Promise<TokenClaims>,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const claims = await authenticate(bearer(req), sid);
  const config = videoConfigFrom(env);
  if (!config) throw new HttpError(503, 'video-unavailable', 'No LiveKit server is configured for video');
  sendJson(res, 200, await mintVideoToken(config, claims));
}
