import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowStyleNonce } from './content-security-policy';

/** Where `npm run build` puts the web app (src/web/vite.config.ts), from the project root as every other path. */
export const WEB_APP_DIR = resolve(process.cwd(), 'dist/web');

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Serves the built web app from the API's own origin:
 * - /assets/* are content-hashed, so cached for a year and never revalidated;
 * - any other GET that asks for HTML and is not an API path gets index.html (the app's router
 *   draws the screen), never cached, carrying this response's CSP nonce;
 * - everything else (unknown /api/* paths, non-HTML requests) keeps the problem+json 404.
 * Without a build (API-only tests) only the 404s remain, and the log says why.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  directory = WEB_APP_DIR,
): Promise<boolean> {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');
  if (!indexHtml.includes(NONCE_PLACEHOLDER)) {
    throw new Error(`${indexFile} has no ${NONCE_PLACEHOLDER} placeholder: rebuild the web app`);
  }

  await app.register(fastifyStatic, {
    root: join(directory, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppPage(request)) return reply.callNotFound();
    const nonce = allowStyleNonce(request.raw, reply.raw);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(indexHtml.replace(NONCE_PLACEHOLDER, nonce));
  });
  return true;
}

function isAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  if (path === '/health' || path.startsWith('/health/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
