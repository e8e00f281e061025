import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/errors';
import type { Role } from '../domain/roles';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';

export interface TokenClaims {
  sub: string;
  exp: number;
}

const unauthenticated = (vi: string, en: string) =>
  new AppError('AUTH.UNAUTHENTICATED', 'unauthenticated', en, {}, { vi, en });

/**
 * Global guard: every route needs a valid bearer token unless marked @Public. The user and their
 * roles are read fresh on each request, so a deactivated user or a withdrawn role takes effect at
 * once rather than when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw unauthenticated('Cần đăng nhập (thiếu mã truy cập).', 'A bearer token is required.');
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
      // Every token we issue expires; one without `exp` was not made by this server.
      if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') throw new Error();
    } catch {
      throw unauthenticated(
        'Mã truy cập không hợp lệ hoặc đã hết hạn.',
        'The token is invalid or expired.',
      );
    }
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active) {
      throw unauthenticated('Tài khoản không còn hiệu lực.', 'The account is no longer active.');
    }
    request.actor = {
      userId: user.id,
      username: user.username,
      roles: user.roles,
      personId: user.personId,
      grants: user.grants,
    };

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
