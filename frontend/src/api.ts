// The one door to the server: every call goes to /api, carries the CSRF token on writes and turns
// problem+json answers into ApiError so pages can show the server's words and per-field errors.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly currentVersion: number | null = null,
    readonly requestId = '',
  ) {
    super(detail || code);
  }

  /** A stale write: someone else saved first (409 conflict, or 412 from If-Match). */
  get isConflict(): boolean {
    return this.code === 'conflict' || this.code === 'precondition_failed';
  }

  /** No answer at all: the network is down or the server is unreachable. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any call answers 401, so the app can show the login page. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

interface Options {
  body?: unknown;
  form?: FormData;
  idempotencyKey?: string;
  /** Do not treat 401 as "session over" (the login call itself). */
  quiet401?: boolean;
}

async function toError(res: Response): Promise<ApiError> {
  let p: Record<string, unknown> = {};
  try {
    p = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const errors = Array.isArray(p.errors) ? (p.errors as FieldError[]) : [];
  const cv = typeof p.current_version === 'number' ? p.current_version : null;
  const code = typeof p.code === 'string' ? p.code : statusCode(res.status);
  const detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
  const rid = typeof p.request_id === 'string' ? p.request_id : res.headers.get('X-Request-Id') ?? '';
  return new ApiError(res.status, code, detail, errors, cv, rid);
}

function statusCode(status: number): string {
  const map: Record<number, string> = {
    400: 'bad_json', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
    412: 'precondition_failed', 422: 'validation', 429: 'rate_limited',
  };
  return map[status] ?? (status >= 500 ? 'internal' : 'http_' + status);
}

export async function request<T>(method: string, path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.form) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch('/api' + path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.quiet401) onUnauthenticated();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, opts: Omit<Options, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Query string from the non-empty values only. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

/** A random key for Idempotency-Key, so a retried create is not made twice. */
export function newKey(): string {
  return crypto.randomUUID();
}

/** Every list answer of the API: the items, and the cursor of the next page (absent on the last);
 * ask for the next page with ?cursor=<next>. */
export interface ListPage<T> {
  items: T[];
  next?: string;
}
