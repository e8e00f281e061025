import type { Localized } from '../domain/localized';
import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind } from '../domain/errors';
import { AppError } from './errors';
import { vietnameseMessage } from './validation-messages-vi';
import { MAX_LISTED_ERRORS } from './validation';

export const PROBLEM_JSON = 'application/problem+json';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Codes for failures that reach us as plain HTTP statuses (framework, parser, router). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  408: 'REQUEST.TIMEOUT',
  413: 'REQUEST.TOO_LARGE',
  414: 'REQUEST.URI_TOO_LONG',
  431: 'REQUEST.HEADERS_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.TOO_MANY',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  detailVi?: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Every error leaves the server as RFC 9457 problem details with a stable `code`. Unexpected
 * errors are logged in full and answered with a bare 500: no stack, no SQL.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    problem.instance = request.url;
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    // RFC 9110 §10.2.3: a busy (503) or rate-limited (429) answer may say when to come back.
    if (typeof problem.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    }
    void reply.status(problem.status).header('content-type', PROBLEM_JSON).send(problem);
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      // Domain and persistence errors may carry their own wording (persistence cannot import AppError).
      const localized =
        exception instanceof AppError
          ? exception.localized
          : (exception as { localized?: Localized }).localized;
      return bounded({
        ...exception.details,
        ...problem(status, exception.code, localized?.en ?? exception.message),
        ...(localized ? { detailVi: localized.vi } : {}),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // The rate limiter's own text ("ThrottlerException: …") says nothing a user can act on.
      const detail =
        status === HttpStatus.TOO_MANY_REQUESTS
          ? 'Too many requests: wait a minute, then try again.'
          : messageOf(exception);
      return problem(status, codeFor(status), detail);
    }
    // Last line of defence for input the validators let through but PostgreSQL cannot store (a
    // NUL character, a value too long for its column): the request is bad, not the server.
    const driverCode = (exception as { driverError?: { code?: unknown } })?.driverError?.code;
    if (driverCode === '22021' || driverCode === '22001') {
      return problem(400, 'REQUEST.INVALID', 'A value in the request cannot be stored.');
    }
    // Errors from Fastify's own lifecycle that Nest passes through unwrapped.
    const framework = exception as { statusCode?: unknown; message?: unknown };
    if (typeof framework?.statusCode === 'number' && framework.statusCode < 500) {
      return problem(
        framework.statusCode,
        codeFor(framework.statusCode),
        String(framework.message),
      );
    }
    return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged.');
  }
}

/** Longest `detail` / `detailVi` sent; a message built from many problems is cut here. */
const MAX_DETAIL_LENGTH = 1000;

/**
 * However many problems an error collected (every unknown key of a large body, every failed
 * schema rule), the answer lists at most MAX_LISTED_ERRORS of each list and counts the rest, so
 * a request cannot make the server write an answer larger than the request.
 */
function bounded(problem: ProblemDetails): ProblemDetails {
  const result: ProblemDetails = { ...problem };
  for (const key of ['errors', 'problems'] as const) {
    const list = result[key];
    if (Array.isArray(list) && list.length > MAX_LISTED_ERRORS) {
      result[key] = list.slice(0, MAX_LISTED_ERRORS);
      const counted = typeof result.moreErrors === 'number' ? result.moreErrors : 0;
      result.moreErrors = counted + list.length - MAX_LISTED_ERRORS;
    }
  }
  if (Array.isArray(result.errors)) result.errors = result.errors.map(inVietnameseToo);
  for (const key of ['detail', 'detailVi'] as const) {
    const text = result[key];
    if (typeof text === 'string' && text.length > MAX_DETAIL_LENGTH) {
      result[key] = `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
    }
  }
  return result;
}

/**
 * A field problem with its Vietnamese beside its English (`messagesVi`, or `messageVi` for a
 * row's one message), for those who build theirs in English only: the web app shows its user's
 * language, and class-validator speaks English alone.
 */
function inVietnameseToo(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const error = entry as {
    messages?: unknown;
    messagesVi?: unknown;
    message?: unknown;
    messageVi?: unknown;
  };
  if (Array.isArray(error.messages) && error.messagesVi === undefined) {
    return { ...error, messagesVi: error.messages.map((text) => vietnameseMessage(String(text))) };
  }
  if (typeof error.message === 'string' && error.messageVi === undefined) {
    return { ...error, messageVi: vietnameseMessage(error.message) };
  }
  return entry;
}

/** The bare problem document, for answers sent outside Nest's exception filters. */
export function problemBody(status: number, code: string, detail: string): ProblemDetails {
  return problem(status, code, detail);
}

/**
 * Every problem reads in Vietnamese too. Errors that carry no Vietnamese text of their own (the
 * framework's, the parser's, the rate limiter's) say in general terms what the status means.
 */
const VIETNAMESE_BY_STATUS: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ.',
  401: 'Cần đăng nhập.',
  403: 'Bạn không có quyền thực hiện việc này.',
  404: 'Không tìm thấy.',
  405: 'Địa chỉ này không nhận phương thức yêu cầu đó.',
  406: 'Máy chủ không trả lời được theo định dạng yêu cầu.',
  408: 'Yêu cầu đến quá chậm: máy chủ đã đóng kết nối.',
  409: 'Yêu cầu xung đột với trạng thái hiện tại.',
  413: 'Yêu cầu quá lớn.',
  414: 'Địa chỉ yêu cầu quá dài.',
  415: 'Kiểu nội dung không được hỗ trợ.',
  422: 'Không xử lý được yêu cầu.',
  429: 'Quá nhiều yêu cầu: vui lòng chờ một phút rồi thử lại.',
  431: 'Phần đầu (header) của yêu cầu quá lớn.',
  500: 'Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi lại.',
};

function problem(status: number, code: string, detail: string): ProblemDetails {
  const general = VIETNAMESE_BY_STATUS[status] ?? VIETNAMESE_BY_STATUS[status >= 500 ? 500 : 400];
  return {
    type: `urn:thidua:problem:${code.toLowerCase()}`,
    title: titleFor(status),
    status,
    code,
    detail,
    // The English detail follows for the specifics (a field name, a limit) it may name.
    detailVi: status >= 500 || general === detail ? general : `${general} (${detail})`,
  };
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID');
}

function titleFor(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

/**
 * Fastify's router answers a few malformed requests (a bad URL encoding, an over-long path
 * parameter) before Nest sees them; this gives them the same problem-details shape, without
 * echoing the request back.
 */
export function answerFrameworkError(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const body = problem(
    status,
    codeFor(status),
    status === 414 ? 'A path parameter is too long.' : 'The URL is malformed.',
  );
  void reply
    .status(status)
    .header('content-type', PROBLEM_JSON)
    .send({ ...body, instance: request.url.split('?')[0].slice(0, 200) });
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (a request head over 16 KB, a
 * malformed request line); they too get problem details, and the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'The request is malformed.'];
  const body = JSON.stringify(problem(status, codeFor(status), detail));
  // Closed once the answer is out, whether or not the client ever closes its side: a client too
  // slow to send its request must not keep the connection by not reading either.
  socket.end(
    `HTTP/1.1 ${status} ${titleFor(status)}\r\nContent-Type: ${PROBLEM_JSON}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** What Node's HTTP parser and its timers refuse, by error code. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
  // The headers or the body did not arrive within HTTP_HEADERS_TIMEOUT_SECONDS or
  // HTTP_REQUEST_TIMEOUT_SECONDS.
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time.'],
};
