import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { contentSecurityPolicy } from 'helmet';

/**
 * The one Content-Security-Policy of the site: everything from our own origin only (government
 * LANs are offline, and a request elsewhere would leak who reads what). Scripts are the built
 * bundle's files; antd writes its styles at run time, each <style> with the app page's nonce
 * (the page reads it from a <meta> the server fills in, see web-app.ts).
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // Style *attributes* only (never <style> elements or scripts): antd's components set some
  // through the DOM (measuring scrollbars, positioning popups). An attribute cannot run code or
  // select other elements, so it cannot read the page the way an injected stylesheet could.
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: many units serve the app over plain HTTP on their own LAN.
  upgradeInsecureRequests: null,
};

/**
 * Swagger UI's page carries two inline <style> blocks we cannot give a nonce; its scripts are
 * files. It alone may use inline styles (a style cannot run code; its scripts stay 'self').
 */
const SWAGGER_UI_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type RawResponse = ServerResponse & { styleNonce?: string };

/**
 * Helmet's headers, worked out once: every answer gets the same ones (the API's JSON needs no
 * nonce, and no directive here depends on the request), so a request only sets them, instead of
 * running helmet's dozen middlewares and serialising the policy again (~25 µs an answer).
 */
const SECURITY_HEADERS = headersSetBy(
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES } }),
);

/** What a request-independent middleware does to an answer's headers, in its order. */
function headersSetBy(
  middleware: (
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ) => void,
): { set: ReadonlyArray<readonly [string, string]>; removed: readonly string[] } {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      set.set(name.toLowerCase(), String(value));
      removed.delete(name.toLowerCase());
    },
    removeHeader: (name: string) => {
      set.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
  };
  let failure: unknown = null;
  let finished = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    failure = error ?? null;
    finished = true;
  });
  // Helmet is synchronous; one that is not would leave answers without headers: refuse to start.
  if (!finished || failure !== null) throw new Error(`Security headers: ${String(failure)}`);
  return { set: [...set], removed: [...removed] };
}

/** The policy of the app page: the same, plus the nonce its run-time <style> elements carry. */
const appPagePolicy = contentSecurityPolicy({
  useDefaults: false,
  directives: {
    ...DIRECTIVES,
    styleSrc: ["'self'", (_request, response) => `'nonce-${(response as RawResponse).styleNonce}'`],
  },
});

export async function applySecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of SECURITY_HEADERS.set) reply.raw.setHeader(name, value);
    for (const name of SECURITY_HEADERS.removed) reply.raw.removeHeader(name);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/docs') && !request.url.startsWith('/api/docs-json')) {
      reply.header('content-security-policy', SWAGGER_UI_POLICY);
    }
    done(null, payload);
  });
}

/** Sets the app page's policy with a new nonce for its <style> elements, and returns the nonce. */
export function allowStyleNonce(request: IncomingMessage, response: ServerResponse): string {
  const nonce = randomBytes(16).toString('hex');
  (response as RawResponse).styleNonce = nonce;
  appPagePolicy(request, response, (error) => {
    if (error) throw error;
  });
  return nonce;
}
