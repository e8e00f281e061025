import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { authorOf } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import {
  USERS_REPOSITORY,
  type StoredAccount,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { passwordChangedMeanwhile, passwordUnchanged, unauthenticated } from './auth.errors';
import type { ClientContext } from './client-context';
import { CredentialsService } from './credentials.service';
import type { TokenDto } from './dto/login.dto';
import type { ChangePasswordDto, MeDto, SessionDto } from './dto/session.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordStrengthCheck } from './password-strength.service';
import { SessionsService, type IssuedSession } from './sessions.service';

/** A session's answer body, and the credentials the controller turns into cookies. */
export interface SessionAnswer {
  body: SessionDto;
  issued: IssuedSession;
}

/** Signing in (bearer token or browser session), who is signed in, and changing one's password. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrengthCheck,
    private readonly clock: Clock,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** A bearer token for API clients (no session, no cookie). */
  async login(
    username: string,
    password: string,
    client: ClientContext,
    refreshToken: string | undefined,
  ): Promise<TokenDto> {
    const user = await this.credentials.signIn(username, password, client, refreshToken);
    const accessToken = await this.jwt.signAsync({ sub: user.id, gen: user.tokenGeneration });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }

  /** A browser session; the session the browser had before, if any, ends. */
  async openSession(
    username: string,
    password: string,
    client: ClientContext,
    refreshToken: string | undefined,
  ): Promise<SessionAnswer> {
    const user = await this.credentials.signIn(username, password, client, refreshToken);
    await this.sessions.replace(refreshToken);
    return answer(user, await this.sessions.start(user, client));
  }

  async refresh(refreshToken: string | undefined, client: ClientContext): Promise<SessionAnswer> {
    const { user, issued } = await this.sessions.refresh(refreshToken, client);
    return answer(user, issued);
  }

  logout(refreshToken: string | undefined, csrfToken: string | undefined): Promise<void> {
    return this.sessions.logout(refreshToken, csrfToken);
  }

  async me(actor: Principal): Promise<MeDto> {
    return toMe(await this.load(actor));
  }

  /**
   * Needs the current password (counted like a failed sign-in when wrong) and a new one strong
   * enough, clears "must change password", and withdraws every token and every other session of
   * the user: whoever else was signed in with the old password is out. The browser session the
   * change came from stays, with a new access token (returned, for its cookie); a bearer token
   * does not: its client signs in again with the new password.
   */
  async changePassword(
    actor: Principal,
    sessionId: string | null,
    input: ChangePasswordDto,
    client: ClientContext,
  ): Promise<IssuedSession | null> {
    if (input.newPassword === input.currentPassword) throw passwordUnchanged();
    const user = await this.load(actor);
    // Judged before the current password is checked: a weak choice costs no attempt.
    await this.strength.assertStrongEnough(input.newPassword, user, 'newPassword');
    await this.credentials.confirmPassword(user, input.currentPassword, client);
    const passwordHash = await this.hasher.hash(input.newPassword);
    const at = this.clock.nowIso();
    const result = await this.users.setPassword(
      user.id,
      // Only over the hash the current password was just checked against: an administrator's
      // reset (or another change) committed during the check stands.
      { passwordHash, mustChangePassword: false, replacing: user.passwordHash },
      { reason: 'password_changed', keepSessionId: sessionId },
      at,
      (sessionsEnded) =>
        changeRecord(
          authorOf(actor),
          at,
          'user',
          user.id,
          'password_changed',
          { mustChangePassword: user.mustChangePassword },
          {
            mustChangePassword: false,
            otherSessionsEnded: sessionsEnded,
            clientAddress: client.address,
          },
        ),
    );
    if (!result) {
      await this.load(actor); // accountGone if that is why
      throw passwordChangedMeanwhile();
    }
    if (sessionId === null) return null;
    return this.sessions.reissueAccess(sessionId, {
      ...user,
      tokenGeneration: result.tokenGeneration,
    });
  }

  private async load(actor: Principal): Promise<StoredUser> {
    const user = await this.users.findById(actor.userId);
    if (!user || !user.active) throw accountGone();
    return user;
  }
}

const accountGone = () =>
  unauthenticated('Tài khoản không còn hiệu lực.', 'The account is no longer active.');

function answer(user: StoredAccount, issued: IssuedSession): SessionAnswer {
  return {
    body: {
      user: toMe(user),
      csrfToken: issued.csrfToken,
      accessExpiresIn: issued.accessExpiresIn,
    },
    issued,
  };
}

function toMe(user: StoredUser): MeDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    grants: user.grants.map((grant) => ({ id: grant.id, role: grant.role, unitId: grant.unitId })),
    personId: user.personId,
    mustChangePassword: user.mustChangePassword,
  };
}
