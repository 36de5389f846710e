/** Shapes of the HTTP API (DESIGN.md), shared by the server and its clients. */
import type { Role } from './access.js';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** `POST /api/sessions` body; every field is optional. */
export interface CreateSessionRequest {
  /** The therapist's display name. */
  name?: string;
  ttlSeconds?: number;
  /** Whether clients, caregivers and observers wait to be admitted (default true). */
  waitingRoom?: boolean;
}

export interface CreateSessionResponse {
  sid: string;
  therapistToken: string;
  therapistUrl: string;
}

export interface InviteRequest {
  role: Role;
  name: string;
  ttlSeconds?: number;
}

export interface InviteResponse {
  token: string;
  url: string;
}

export interface WhoAmIResponse {
  sid: string;
  role: Role;
  sub: string;
  name: string;
  exp: number;
}
