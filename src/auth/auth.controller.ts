import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  Client,
  CsrfHeader,
  CurrentActor,
  CurrentSessionId,
  OpenWhilePasswordChangeRequired,
  Public,
  RefreshToken,
} from './auth.decorators';
import { AuthService } from './auth.service';
import type { ClientContext } from './client-context';
import { LoginDto, TokenDto } from './dto/login.dto';
import { NoBodyDto } from './dto/no-body.dto';
import { ChangePasswordDto, MeDto, SessionDto } from './dto/session.dto';
import { ACCESS_COOKIE, REFRESH_COOKIE, SessionCookies } from './session-cookies';

/** Failures are counted per username and client address (see credentials.service.ts). */
const SIGN_IN_PROBLEMS = {
  400: ['VALIDATION.FAILED'],
  401: ['AUTH.INVALID_CREDENTIALS'],
  429: ['AUTH.TEMPORARILY_LOCKED'],
} as const;

const CSRF_HEADER_DOC = {
  name: 'X-CSRF-Token',
  required: false,
  description: 'Required when signed in by cookie: the csrfToken of /auth/session or /auth/refresh',
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in and get a bearer token (API clients)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems(SIGN_IN_PROBLEMS)
  login(
    @Body() body: LoginDto,
    @Client() client: ClientContext,
    @RefreshToken() refreshToken: string | undefined,
  ): Promise<TokenDto> {
    return this.auth.login(body.username, body.password, client, refreshToken);
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in a browser: sets the session cookies',
    description:
      `Sets ${ACCESS_COOKIE} (Path=/api) and ${REFRESH_COOKIE} (Path=/api/v1/auth), both ` +
      'HttpOnly and SameSite=Strict. Same password check and lockout as /auth/login.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems({ ...SIGN_IN_PROBLEMS, 409: ['AUTH.ACCOUNT_CHANGED'] })
  async openSession(
    @Body() body: LoginDto,
    @Client() client: ClientContext,
    @RefreshToken() refreshToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const opened = await this.auth.openSession(body.username, body.password, client, refreshToken);
    this.cookies.set(reply, opened.issued);
    return opened.body;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Renew the session cookies (the refresh token is replaced on every call)',
    description:
      `Reads the ${REFRESH_COOKIE} cookie. A replaced refresh token presented again ends the ` +
      'session. Also the way to get the csrfToken again after a page load.',
  })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED'], 401: ['AUTH.SESSION_ENDED'] })
  async refresh(
    @Body() _body: NoBodyDto,
    @Client() client: ClientContext,
    @RefreshToken() refreshToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    try {
      const renewed = await this.auth.refresh(refreshToken, client);
      this.cookies.set(reply, renewed.issued);
      return renewed.body;
    } catch (error) {
      // Dead cookies are of no use to the browser: it drops them with this answer.
      this.cookies.clear(reply);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End the browser session and clear its cookies',
    description:
      `Ends the session of the ${REFRESH_COOKIE} cookie (needs its X-CSRF-Token); without a ` +
      'live session it only clears the cookies. Works after the access cookie expired.',
  })
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiNoContentResponse({ description: 'Signed out; both cookies cleared' })
  @ApiProblems({ 400: ['VALIDATION.FAILED'], 403: ['AUTH.CSRF'] })
  async logout(
    @Body() _body: NoBodyDto,
    @RefreshToken() refreshToken: string | undefined,
    @CsrfHeader() csrfToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(refreshToken, csrfToken);
    this.cookies.clear(reply);
  }

  @Get('me')
  @OpenWhilePasswordChangeRequired()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user: roles, grants, whether a new password is due' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems({ 401: ['AUTH.UNAUTHENTICATED'] })
  me(@CurrentActor() actor: Principal): Promise<MeDto> {
    return this.auth.me(actor);
  }

  @Post('password')
  @HttpCode(204)
  @OpenWhilePasswordChangeRequired()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change one’s own password',
    description:
      'Needs the current password (a wrong one counts as a failed sign-in) and a new one that ' +
      'is not too easy to guess (422 AUTH.PASSWORD_TOO_WEAK, with the reason on newPassword). ' +
      'Clears mustChangePassword and withdraws every token issued before and every other ' +
      `session of the user. Signed in by cookie, the session stays: the answer sets a new ${ACCESS_COOKIE}. ` +
      'A bearer token stops working: sign in again with the new password.',
  })
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    401: ['AUTH.UNAUTHENTICATED'],
    403: ['AUTH.WRONG_CURRENT_PASSWORD', 'AUTH.CSRF'],
    409: ['AUTH.PASSWORD_CHANGED_MEANWHILE'],
    422: ['AUTH.PASSWORD_UNCHANGED', 'AUTH.PASSWORD_TOO_WEAK'],
    429: ['AUTH.TEMPORARILY_LOCKED'],
    503: ['SERVER.BUSY'],
  })
  async changePassword(
    @CurrentActor() actor: Principal,
    @CurrentSessionId() sessionId: string | null,
    @Body() body: ChangePasswordDto,
    @Client() client: ClientContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const kept = await this.auth.changePassword(actor, sessionId, body, client);
    if (kept) this.cookies.set(reply, kept);
  }
}
