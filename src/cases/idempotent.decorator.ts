import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { AppError, fieldProblem } from '../common/errors';
import type { CommandResult, IdempotentRequest } from './idempotency';
import { readsTheIdempotencyKey } from '../common/undeclared-input.guard';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** Answers a command's result: its status, and `Idempotency-Replayed` when it is a repeat. */
@Injectable()
class CommandResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: CommandResult) => {
        reply.status(result.status);
        if (result.replayed) reply.header('idempotency-replayed', 'true');
        return result.body;
      }),
    );
  }
}

/**
 * A command route that may be repeated safely with an `Idempotency-Key`: the handler returns the
 * service's CommandResult, and the first answer is replayed for a repeat.
 */
export const Idempotent = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Repeat a request safely: the first answer is replayed (with Idempotency-Replayed: true), nothing is applied twice. 1–128 visible ASCII characters.',
    }),
    UseInterceptors(CommandResultInterceptor),
  );

/** The request as idempotency sees it: its key (checked), method and path. */
export const CommandRequest = createParamDecorator(
  readsTheIdempotencyKey((_: unknown, context: ExecutionContext): IdempotentRequest => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    return {
      key: checkKey(Array.isArray(key) ? key[0] : key),
      method: request.method,
      path: request.url,
    };
  }),
);

function checkKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError(
      'VALIDATION.FAILED',
      'invalid',
      'Idempotency-Key must be 1–128 visible ASCII characters.',
      {
        errors: [
          fieldProblem('Idempotency-Key', {
            vi: 'phải có từ 1 đến 128 ký tự ASCII nhìn thấy được',
            en: 'must be 1–128 visible ASCII characters',
          }),
        ],
      },
      {
        vi: 'Idempotency-Key phải có từ 1 đến 128 ký tự ASCII nhìn thấy được.',
        en: 'Idempotency-Key must be 1–128 visible ASCII characters.',
      },
    );
  }
  return key;
}
