// The one way the back office talks to HQ: JSON over /admin/v1, failures as ApiError carrying HQ's
// { code, message, details }. Every call goes through here, so how a request proves who sends it
// (session cookie and CSRF header, or the bootstrap token) is decided in one place.
//
// GROUNDWORK (issue 14): until sessions land, the admin token typed at sign-in is kept for the tab
// (sessionStorage) and sent as a bearer token. The users branch replaces this with the session cookie
// (HttpOnly, set by HQ) and the CSRF token HQ hands out with the session.

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

const TOKEN_KEY = 'openlane.office.token';

export function setBootstrapToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
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
  init: { body?: BodyInit; type?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
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
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', pathWith(path, query)),
  post: <T>(path: string, body?: unknown) =>
    request<T>('POST', path, { body: JSON.stringify(body ?? {}), type: 'application/json' }),
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
      for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
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
