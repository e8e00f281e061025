import { Injectable } from '@nestjs/common';
import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../config/app-config';
import type { IssuedSession } from './sessions.service';

export const ACCESS_COOKIE = 'thidua_access';
export const REFRESH_COOKIE = 'thidua_refresh';
/**
 * Not a credential: "a session may exist", readable by the page, so that a visitor who never
 * signed in is not sent to /auth/refresh (and shown a 401) on every page load.
 */
export const SIGNED_IN_HINT_COOKIE = 'thidua_signed_in';

/** The access cookie goes with every API call; the refresh cookie only to the auth routes. */
const ACCESS_PATH = '/api';
const REFRESH_PATH = '/api/v1/auth';

/**
 * Both cookies are HttpOnly (page scripts never see them) and SameSite=Strict (another site's
 * page cannot make the browser send them); Secure whenever the public address is https.
 */
@Injectable()
export class SessionCookies {
  private readonly secure: boolean;

  constructor(config: AppConfig) {
    this.secure = config.publicBaseUrl.startsWith('https:');
  }

  set(reply: FastifyReply, issued: IssuedSession): void {
    reply.setCookie(ACCESS_COOKIE, issued.accessToken, {
      ...this.common(ACCESS_PATH),
      maxAge: issued.accessExpiresIn,
    });
    // A refresh within the grace window gives no new refresh token: the browser keeps the one
    // the winning refresh just set.
    if (issued.refresh) {
      reply.setCookie(REFRESH_COOKIE, issued.refresh.token, {
        ...this.common(REFRESH_PATH),
        maxAge: issued.refresh.expiresInSeconds,
      });
      reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
        ...this.common('/'),
        httpOnly: false,
        maxAge: issued.refresh.expiresInSeconds,
      });
    }
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(ACCESS_COOKIE, this.common(ACCESS_PATH));
    reply.clearCookie(REFRESH_COOKIE, this.common(REFRESH_PATH));
    reply.clearCookie(SIGNED_IN_HINT_COOKIE, { ...this.common('/'), httpOnly: false });
  }

  private common(path: string) {
    return { path, httpOnly: true, sameSite: 'strict' as const, secure: this.secure };
  }
}
