import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../domain/org/principal';
import type { Role } from '../domain/roles';
import { MAX_ADDRESS_LENGTH, MAX_USER_AGENT_LENGTH, type ClientContext } from './client-context';
import { REFRESH_COOKIE } from './session-cookies';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';
export const OPEN_WHILE_PASSWORD_CHANGE_REQUIRED = 'auth:open-while-password-change-required';
/** The header a cookie-authenticated request carries its session's CSRF token in (lower case). */
export const CSRF_HEADER = 'x-csrf-token';

/** The route needs no token (login, health). Everything else does. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller must hold one of these roles (for routes whose roles are not workflow data). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * Any signed-in user, with or without a role: overrides the controller's RequireRoles for the case
 * routes a person without a role needs to read and answer the cases about them. What they then see
 * is decided per case (case-access.ts), and everything else answers 404 as for a missing case.
 */
export const AnySignedIn = () => SetMetadata(REQUIRED_ROLES, null);

/**
 * The route stays open to a user who must change their password first (reading who they are,
 * changing it); every other route refuses them with AUTH.PASSWORD_CHANGE_REQUIRED.
 */
export const OpenWhilePasswordChangeRequired = () =>
  SetMetadata(OPEN_WHILE_PASSWORD_CHANGE_REQUIRED, true);

export type AuthenticatedRequest = FastifyRequest & {
  actor?: Principal;
  /** The browser session the request came through; absent for a bearer token from /auth/login. */
  sessionId?: string;
};

/** The authenticated caller, as the auth guard established it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** The browser session the authenticated request came through, or null (a bearer token). */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId ?? null,
);

/** Where the request comes from: address (behind a trusted proxy, the client's) and user agent. */
export const Client = createParamDecorator(
  (_: unknown, context: ExecutionContext): ClientContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const userAgent = request.headers['user-agent'];
    return {
      address: request.ip.slice(0, MAX_ADDRESS_LENGTH),
      userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null,
    };
  },
);

/** The refresh token the browser sent (its cookie is only sent to /api/v1/auth/...). */
export const RefreshToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().cookies?.[REFRESH_COOKIE] || undefined,
);

/** The X-CSRF-Token header, for the public routes that check it themselves (logout). */
export const CsrfHeader = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers[CSRF_HEADER];
    return typeof value === 'string' ? value : undefined;
  },
);
