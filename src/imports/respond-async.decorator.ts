import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Whether the request carries `Prefer: respond-async` (RFC 7240 §4.1): the caller wants 202 and a
 * job to poll at once rather than an answer that waits for the work.
 */
export const PrefersRespondAsync = createParamDecorator(
  (_: unknown, context: ExecutionContext): boolean => {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.prefer;
    const values = Array.isArray(header) ? header : [header ?? ''];
    return values.some((value) =>
      value
        .split(',')
        .some((preference) => preference.split(';')[0].trim().toLowerCase() === 'respond-async'),
    );
  },
);
