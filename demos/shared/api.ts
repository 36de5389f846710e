/** The session server's HTTP API (DESIGN.md), as the pages call it. */
import type { CreateSessionResponse, InviteResponse, Role } from '@attune/session/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, bearer: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'error',
      error?.message ?? `Status ${response.status}`,
    );
  }
  return body as T;
}

export const api = {
  createSession: (adminKey: string) =>
    call<CreateSessionResponse>('/api/sessions', adminKey, { method: 'POST', body: '{}' }),
  invite: (sid: string, token: string, role: Role, name: string, ttlSeconds: number) =>
    call<InviteResponse>(`/api/sessions/${sid}/invites`, token, {
      method: 'POST',
      body: JSON.stringify({ role, name, ttlSeconds }),
    }),
  remove: (sid: string, token: string, sub: string) =>
    call<{ removed: string }>(`/api/sessions/${sid}/participants/${encodeURIComponent(sub)}`, token, {
      method: 'DELETE',
    }),
  exportSession: (sid: string, token: string) => call<unknown>(`/api/sessions/${sid}/export`, token),
  destroy: (sid: string, token: string) => call<void>(`/api/sessions/${sid}`, token, { method: 'DELETE' }),
  continueSession: (sid: string, token: string) =>
    call<CreateSessionResponse & { continuedFrom: string }>(`/api/sessions/${sid}/continue`, token, {
      method: 'POST',
      body: '{}',
    }),
};

/** Saves JSON as a file the person downloads. */
export function download(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
