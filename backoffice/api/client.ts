// The one way the back office talks to HQ: JSON over /admin/v1, failures as ApiError carrying HQ's
// { code, message, details }. Every call goes through here, so how a request proves who sends it
// (session cookie and CSRF header, or the bootstrap token) is decided in one place.
//
// A signed-in browser proves itself with the session cookie HQ set (HttpOnly: no script here can read
// it) and, on every change, the session's CSRF token in X-CSRF-Token. The token is handed out by HQ with
// the session (sign-in, GET /admin/v1/session) and kept in memory only. The admin token is sent once,
// as a bearer token, to make the first admin; it is never stored.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let signedOutListener: (() => void) | null = null;

/** Called when HQ says the session has ended (expired, signed out elsewhere, user disabled). */
export function onSessionEnded(listener: (() => void) | null): void {
  signedOutListener = listener;
}

/** Keeps the CSRF token HQ handed out with the session (null when signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function authHeaders(method: string, bearer?: string): Record<string, string> {
  if (bearer) return { authorization: `Bearer ${bearer}` };
  return method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export function pathWith(path: string, query?: Query): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(
  method: string,
  path: string,
  init: { body?: BodyInit; type?: string; bearer?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...authHeaders(method, init.bearer),
  };
  if (init.type) headers['content-type'] = init.type;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: init.body ?? null, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'unreachable', 'HQ cannot be reached; check the connection and try again');
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(
      response.status,
      'bad_response',
      `HQ answered ${response.status} with something that is not JSON`,
    );
  }
  const failure = body as {
    ok?: boolean;
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!response.ok || failure?.ok === false) {
    const error = failure?.error ?? {
      code: 'http_' + response.status,
      message: `HQ answered ${response.status}`,
    };
    if (response.status === 401 && error.code === 'session_ended') signedOutListener?.();
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', pathWith(path, query)),
  /** `bearer`: sent as the admin token instead of the session (only to make the first admin). */
  post: <T>(path: string, body?: unknown, options: { bearer?: string } = {}) =>
    request<T>('POST', path, { body: JSON.stringify(body ?? {}), type: 'application/json', ...options }),
  put: <T>(path: string, body?: unknown) =>
    request<T>('PUT', path, { body: JSON.stringify(body ?? {}), type: 'application/json' }),
  patch: <T>(path: string, body?: unknown) =>
    request<T>('PATCH', path, { body: JSON.stringify(body ?? {}), type: 'application/json' }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A file's text as its own body (a CSV import), with upload progress from 0 to 1. */
  upload<T>(
    path: string,
    body: Blob | string,
    type: string,
    onProgress?: (fraction: number) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('content-type', type);
      xhr.setRequestHeader('accept', 'application/json');
      for (const [name, value] of Object.entries(authHeaders('POST'))) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
      };
      xhr.onerror = () =>
        reject(new ApiError(0, 'unreachable', 'HQ cannot be reached; check the connection and try again'));
      xhr.onload = () => {
        let parsed: { ok?: boolean; error?: { code: string; message: string; details?: unknown } } | null =
          null;
        try {
          parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          reject(
            new ApiError(
              xhr.status,
              'bad_response',
              `HQ answered ${xhr.status} with something that is not JSON`,
            ),
          );
          return;
        }
        if (xhr.status >= 400 || parsed?.ok === false) {
          const error = parsed?.error ?? { code: 'http_' + xhr.status, message: `HQ answered ${xhr.status}` };
          reject(new ApiError(xhr.status, error.code, error.message, error.details));
        } else resolve(parsed as T);
      };
      xhr.send(body);
    });
  },
};
