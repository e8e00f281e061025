import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { validationFailed, type FieldError } from './validation';

/**
 * What a route declares it reads from the request: the ValidationPipe refuses unknown fields of
 * a declared query or body DTO, but a route that declares no query DTO, or no body at all, never
 * sees what was sent there (`POST /cases?dryRun=true` created the case; a body sent to a route
 * without one was dropped).
 */
interface DeclaredInput {
  /**
   * The route judges every query parameter itself ('its own': a query DTO, or the raw request),
   * or only these names may be sent.
   */
  query: 'its own' | ReadonlySet<string>;
  /** The route reads a body (a DTO, or the raw request, as an upload does). */
  body: boolean;
  /** The route applies a repeated request once by its Idempotency-Key. */
  idempotencyKey: boolean;
}

/**
 * Refuses (400 VALIDATION.FAILED, as for an unknown field) a query parameter, a body or an
 * Idempotency-Key the route does not declare: no input is ever silently ignored. Registered
 * after the auth guard, so an unauthenticated request still gets its 401 first. A guard, not an
 * interceptor: one map lookup per request, no observable.
 */
@Injectable()
export class UndeclaredInputGuard implements CanActivate {
  private readonly declared = new WeakMap<object, DeclaredInput>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    let declared = this.declared.get(handler);
    if (declared === undefined) {
      declared = declaredInputOf(context.getClass(), handler.name);
      this.declared.set(handler, declared);
    }
    const request = context.switchToHttp().getRequest<{
      query?: Record<string, unknown>;
      body?: unknown;
      method?: string;
      headers?: Record<string, unknown>;
    }>();
    const problems: FieldError[] = [];
    const allowed = declared.query;
    if (allowed !== 'its own') {
      for (const name of Object.keys(request.query ?? {})) {
        if (!allowed.has(name)) problems.push(unknown(name));
      }
    }
    if (!declared.body && !isEmptyBody(request.body)) {
      problems.push({ field: 'body', messages: ['this operation takes no body'] });
    }
    // A key the route does not honour would let a client believe a retry applies once.
    if (
      !declared.idempotencyKey &&
      request.headers?.['idempotency-key'] !== undefined &&
      request.method !== 'GET' &&
      request.method !== 'HEAD'
    ) {
      problems.push({
        field: 'Idempotency-Key',
        messages: ['this operation does not take an Idempotency-Key: a repeat would apply again'],
        messagesVi: [
          'thao tác này không nhận Idempotency-Key: gửi lại sẽ được thực hiện thêm một lần',
        ],
      });
    }
    if (problems.length > 0) throw validationFailed(problems, 0);
    return true;
  }
}

const READS_THE_BODY = Symbol('readsTheBody');
const READS_THE_IDEMPOTENCY_KEY = Symbol('readsTheIdempotencyKey');

/**
 * Marks a custom parameter decorator's factory (createParamDecorator) as one that reads the
 * request body itself (an imported spreadsheet's bytes): its routes declare a body.
 */
export function readsTheBody<F extends (...args: never[]) => unknown>(factory: F): F {
  return Object.assign(factory, { [READS_THE_BODY]: true });
}

/** Marks the factory of the parameter that reads the Idempotency-Key: its routes honour one. */
export function readsTheIdempotencyKey<F extends (...args: never[]) => unknown>(factory: F): F {
  return Object.assign(factory, { [READS_THE_IDEMPOTENCY_KEY]: true });
}

function declaredInputOf(controller: object, method: string): DeclaredInput {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { data?: unknown; factory?: unknown }
  >;
  const names = new Set<string>();
  let wholeQuery = false;
  let body = false;
  let idempotencyKey = false;
  for (const [key, { data, factory }] of Object.entries(args)) {
    if (typeof factory === 'function' && READS_THE_BODY in factory) body = true;
    if (typeof factory === 'function' && READS_THE_IDEMPOTENCY_KEY in factory) {
      idempotencyKey = true;
    }
    const type = Number(key.split(':')[0]);
    if (type === RouteParamtypes.QUERY) {
      if (typeof data === 'string') names.add(data);
      else wholeQuery = true;
    }
    // The raw request: the route reads what it needs of it itself (an upload's bytes).
    if (type === RouteParamtypes.REQUEST) wholeQuery = body = true;
    if (type === RouteParamtypes.BODY || type === RouteParamtypes.RAW_BODY) body = true;
  }
  return { query: wholeQuery ? 'its own' : names, body, idempotencyKey };
}

function unknown(name: string): FieldError {
  return { field: name, messages: [`query parameter ${name} should not exist`] };
}

/** No body, or an empty JSON object (what a client sends for "nothing"). */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  return (
    typeof body === 'object' &&
    !Array.isArray(body) &&
    !Buffer.isBuffer(body) &&
    Object.keys(body).length === 0
  );
}
