import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/**
 * CORS for the configured origins (CORS_ORIGINS): the organisation's own front ends on another
 * origin. They call the API with a bearer token (POST /auth/login): the session cookies are
 * SameSite=Strict, so credentials are not offered. The preflight allows every method the API
 * uses and the request headers it reads; the answer headers a client needs are exposed.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Accept',
      'Accept-Language',
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'X-CSRF-Token',
    ],
    exposedHeaders: [
      'Content-Disposition',
      'Idempotency-Replayed',
      'Retry-After',
      'X-Content-SHA256',
    ],
    credentials: false,
    // Browsers cap it (Chromium: 2 h); 10 minutes spares a preflight before most requests.
    maxAge: 600,
  };
}
