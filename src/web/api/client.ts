import type { Language, Localized } from '../i18n/language';

/** An RFC 9457 problem as the server sends it (English `detail`, Vietnamese `detailVi`). */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  detailVi?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** The message in the reader's language, with field errors when the server gave them. */
  describe(language: Language): string {
    const { detail, detailVi, errors } = this.problem;
    const head = language === 'vi' ? (detailVi ?? detail) : detail;
    return [head, ...(errors ?? []).map((error) => describeFieldError(error, language))].join('\n');
  }
}

/**
 * Field errors come in two shapes: validation's `{field, messages[], messagesVi[]}` and an
 * import's row errors `{line, field, message, messageVi}`.
 */
export interface FieldError {
  field: string;
  messages?: string[];
  messagesVi?: string[];
  line?: number;
  message?: string;
  messageVi?: string;
}

function describeFieldError(error: FieldError, language: Language): string {
  const english = error.messages ?? (error.message === undefined ? [] : [error.message]);
  const vietnamese =
    error.messagesVi ?? (error.messageVi === undefined ? english : [error.messageVi]);
  const where = error.line === undefined ? error.field : `${error.line}: ${error.field}`;
  return `${where}: ${(language === 'vi' ? vietnamese : english).join('; ')}`;
}

const API = '/api/v1';

/**
 * The CSRF token of the current cookie session. Kept in memory only (never in storage): a
 * reload gets a fresh one from /auth/refresh.
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone, so the app can send the user to sign in. */
let onUnauthenticated: (() => void) | null = null;
export function whenUnauthenticated(listener: (() => void) | null): void {
  onUnauthenticated = listener;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A raw body (a file upload) with its media type; otherwise `body` is sent as JSON. */
  raw?: { body: Blob; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`${API}${withQuery(path, options.query)}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return response;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const problem: unknown = await response.json();
    if (isProblem(problem)) return problem;
  } catch {
    // Not JSON (a proxy's error page): described below.
  }
  return statusProblem(response.status, response.statusText);
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}

function statusProblem(status: number, statusText: string): Problem {
  return {
    status,
    code: `HTTP.${status}`,
    title: statusText,
    detail: `The server answered ${status} ${statusText}.`,
    detailVi: `Máy chủ trả lời ${status} ${statusText}.`,
  };
}

export const api = {
  async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return (await send('GET', path, { query, signal })).json() as Promise<T>;
  },
  async post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await send('POST', path, { body, headers });
    return (response.status === 204 ? undefined : await response.json()) as T;
  },
  async put<T>(path: string, body: unknown): Promise<T> {
    return (await send('PUT', path, { body })).json() as Promise<T>;
  },
  async patch<T>(path: string, body: unknown): Promise<T> {
    return (await send('PATCH', path, { body })).json() as Promise<T>;
  },
  async delete<T>(path: string): Promise<T> {
    const response = await send('DELETE', path);
    return (response.status === 204 ? undefined : await response.json()) as T;
  },
  /** Uploads a file as the request body, reporting progress (fetch cannot, so XMLHttpRequest). */
  upload<T>(
    path: string,
    file: Blob,
    contentType: string,
    query: Query,
    onProgress?: (percent: number) => void,
    headers: Record<string, string> = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${API}${withQuery(path, query)}`);
      request.setRequestHeader('content-type', contentType);
      request.setRequestHeader('accept', 'application/json');
      if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
      for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
      };
      request.onload = () => {
        let parsed: unknown = {};
        try {
          parsed = request.responseText ? JSON.parse(request.responseText) : {};
        } catch {
          // Not JSON (a proxy's HTML error page): described from the status below.
          parsed = undefined;
        }
        if (request.status >= 200 && request.status < 300 && parsed !== undefined) {
          resolve(parsed as T);
        } else if (isProblem(parsed)) {
          reject(new ApiError(parsed));
        } else {
          reject(new ApiError(statusProblem(request.status, request.statusText)));
        }
      };
      request.onerror = () =>
        reject(
          new ApiError({
            status: 0,
            code: 'NETWORK',
            title: 'Network error',
            detail: 'The upload did not reach the server.',
            detailVi: 'Không gửi được tệp lên máy chủ.',
          }),
        );
      request.send(file);
    });
  },
  /** Downloads a file the API produces (a PDF, a spreadsheet) and hands it to the browser. */
  async download(path: string, query?: Query): Promise<void> {
    const response = await send('GET', path, { query, headers: { accept: '*/*' } });
    const blob = await response.blob();
    const fileName = fileNameOf(response.headers.get('content-disposition')) ?? 'download';
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** RFC 6266: prefer the exact UTF-8 name (filename*) over the ASCII fallback. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : null;
}

export type { Localized };
