import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { Role } from '../domain/roles';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import {
  CSRF_HEADER,
  OPEN_WHILE_PASSWORD_CHANGE_REQUIRED,
  PUBLIC_ROUTE,
  REQUIRED_ROLES,
  type AuthenticatedRequest,
} from './auth.decorators';
import {
  csrfRefused,
  passwordChangeRequired,
  tokenWithdrawn,
  unauthenticated,
} from './auth.errors';
import { csrfTokenMatches } from './csrf';
import { ACCESS_COOKIE } from './session-cookies';
import { SessionsService } from './sessions.service';
import { VerifiedTokens } from './verified-tokens';

export interface TokenClaims {
  sub: string;
  exp: number;
  /** The browser session the token belongs to; absent in a bearer token from /auth/login. */
  sid?: string;
  /**
   * The user's token generation when it was issued (see the token-generations migration);
   * absent in tokens issued before generations existed, which count as generation 0.
   */
  gen?: number;
}

/** Methods a browser may send from another site's page without asking (no side effects). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a valid bearer token or session cookie unless marked @Public.
 * The user and their roles are read fresh on each request, and so is the session of a session's
 * token, so a deactivated user, a withdrawn role or an ended session takes effect at once rather
 * than when the token expires. A token issued under an older token generation of its user (before
 * a deactivation or reactivation, a password change or reset, a grant removal) is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly secret: string;
  private readonly verifiedTokens = new VerifiedTokens<TokenClaims>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    config: AppConfig,
  ) {
    this.secret = config.auth.jwtSecret;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { token, byCookie } = credentialOf(request);
    let claims: TokenClaims;
    try {
      claims = await this.verifiedTokens.claimsOf(token, (text) =>
        this.jwt.verifyAsync<TokenClaims>(text),
      );
      // Every token we issue expires; one without `exp` was not made by this server.
      if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') throw new Error();
      if (claims.sid !== undefined && typeof claims.sid !== 'string') throw new Error();
      if (claims.gen !== undefined && !Number.isSafeInteger(claims.gen)) throw new Error();
      // The cookie only ever holds a session's token.
      if (byCookie && claims.sid === undefined) throw new Error();
    } catch {
      throw unauthenticated(
        'Mã truy cập không hợp lệ hoặc đã hết hạn.',
        'The token is invalid or expired.',
      );
    }
    const [user, sessionOpen] = await Promise.all([
      this.users.findAccountById(claims.sub),
      claims.sid === undefined ? true : this.sessions.isActive(claims.sid, claims.sub),
    ]);
    if (!user || !user.active) {
      throw unauthenticated('Tài khoản không còn hiệu lực.', 'The account is no longer active.');
    }
    if ((claims.gen ?? 0) !== user.tokenGeneration) throw tokenWithdrawn();
    if (!sessionOpen) {
      throw unauthenticated('Phiên làm việc đã kết thúc.', 'The session has ended.');
    }
    if (
      byCookie &&
      !SAFE_METHODS.has(request.method) &&
      !csrfTokenMatches(request.headers[CSRF_HEADER], claims.sid!, this.secret)
    ) {
      throw csrfRefused();
    }
    request.actor = {
      userId: user.id,
      username: user.username,
      roles: user.roles,
      personId: user.personId,
      grants: user.grants,
    };
    request.sessionId = claims.sid;

    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_WHILE_PASSWORD_CHANGE_REQUIRED, targets)
    ) {
      throw passwordChangeRequired();
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !user.roles.some((role) => required.includes(role))) {
      throw new AppError(
        'AUTH.FORBIDDEN',
        'forbidden',
        `This requires one of the roles: ${required.join(', ')}.`,
        { requiredRoles: required },
        {
          vi: `Cần một trong các vai trò: ${required.join(', ')}.`,
          en: `This requires one of the roles: ${required.join(', ')}.`,
        },
      );
    }
    return true;
  }
}

/**
 * The token and where it came from. An Authorization header wins (an API client, or a test):
 * a browser never adds one on its own, so such a request needs no CSRF token.
 */
function credentialOf(request: AuthenticatedRequest): { token: string; byCookie: boolean } {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token) return { token, byCookie: false };
    throw unauthenticated('Cần đăng nhập (thiếu mã truy cập).', 'A bearer token is required.');
  }
  const cookie = request.cookies?.[ACCESS_COOKIE];
  if (cookie) return { token: cookie, byCookie: true };
  throw unauthenticated(
    'Cần đăng nhập (thiếu mã truy cập).',
    'A bearer token or a session cookie is required.',
  );
}
