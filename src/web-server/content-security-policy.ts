import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The one Content-Security-Policy of the site: everything from our own origin only (government
 * LANs are offline, and a request elsewhere would leak who reads what). Scripts are the built
 * bundle's files; antd writes its styles at run time, each <style> with this response's nonce
 * (the page reads it from a <meta> the server fills in).
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

export async function applySecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/docs') && !request.url.startsWith('/api/docs-json')) {
        reply.header('content-security-policy', SWAGGER_UI_POLICY);
      }
      return payload;
    });
}
