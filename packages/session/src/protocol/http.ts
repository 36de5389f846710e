/** Shapes of the HTTP API (DESIGN.md), shared by the server and its clients. */
import type { Role } from './access.js';

export interface ApiErrorBody {
  error: { code: string; message: string };
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
