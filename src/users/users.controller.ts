import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { NoBodyDto } from '../auth/dto/no-body.dto';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  CreateUserDto,
  GrantDto,
  ListUsersQuery,
  TemporaryPasswordDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/user.dto';
import { AdminChangeDto } from '../common/change-log.dto';
import { UsersService } from './users.service';

/** A change signed in by cookie must also carry the session's CSRF token. */
const ADMIN_WRITE_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  403: [...SIGNED_IN_PROBLEMS[403], 'AUTH.CSRF'],
} as const;

/** What an administrator's action on an account may answer besides success. */
const ADMIN_ACCOUNT_PROBLEMS = {
  ...ADMIN_WRITE_PROBLEMS,
  400: ['VALIDATION.FAILED'],
  404: ['USER.NOT_FOUND'],
} as const;

/** The account's person and grants that the service refuses (422), named alike on every route. */
const UNKNOWN_PERSON = 'USER.UNKNOWN_PERSON (personId)';
const UNKNOWN_UNIT = 'USER.UNKNOWN_UNIT (a grant’s unitId)';
const ADMIN_GRANT_SCOPED = 'USER.ADMIN_GRANT_SCOPED (admin limited to a unit)';

@ApiTags('users')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an account with its role grants (administrators)',
    description:
      'The user must replace the chosen password at the first sign-in. An account with no grant ' +
      'must be a person’s (personId). Written to the account’s change log.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems({
    ...ADMIN_WRITE_PROBLEMS,
    400: ['VALIDATION.FAILED'],
    409: ['USER.USERNAME_TAKEN'],
    422: [UNKNOWN_PERSON, UNKNOWN_UNIT, ADMIN_GRANT_SCOPED],
  })
  create(@CurrentActor() admin: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(admin, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List every account with its grants, for administrators',
    description:
      'Oldest account first, 50 a page unless limit says otherwise. Keyset pages: pass ' +
      'nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 400: ['VALIDATION.FAILED'] })
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query.cursor, query.limit ?? 50);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account with its grants, for administrators' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['USER.NOT_FOUND'] })
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  /** Auditors read every account's history too; they change nothing. */
  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
  @ApiOperation({
    summary: 'An account’s change log, for administrators and organisation-wide auditors',
    description:
      'Every change of the account, oldest first, with who made it and what it changed: its ' +
      'creation and edits, grants given and withdrawn, passwords reset or changed, sign-in ' +
      'locks, sessions ended. Accounts span units, so an auditor limited to a unit is refused.',
  })
  @ApiOkResponse({ type: [AdminChangeDto] })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: [
      'AUTH.FORBIDDEN (neither an administrator nor an auditor, or an auditor limited to a unit)',
      'AUTH.PASSWORD_CHANGE_REQUIRED',
    ],
    404: ['USER.NOT_FOUND'],
  })
  changes(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.users.changes(principal, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an account: display name, person, e-mail address, active',
    description:
      'Deactivating or reactivating withdraws every token issued to the user before; ' +
      'deactivating also ends every browser session, which a reactivation does not revive.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems({ ...ADMIN_ACCOUNT_PROBLEMS, 422: [UNKNOWN_PERSON] })
  update(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(admin, id, body);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give the user a new, generated password (shown once)',
    description:
      'The user must replace it at the next sign-in; every session and every token of the user ' +
      'stops working. ' +
      'Written to the account’s change log (without the password).',
  })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiOkResponse({ type: TemporaryPasswordDto })
  @ApiProblems(ADMIN_ACCOUNT_PROBLEMS)
  resetPassword(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() _body: NoBodyDto,
  ): Promise<TemporaryPasswordDto> {
    return this.users.resetPassword(admin, id);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Lift the sign-in locks of the user, from every address',
    description: 'Clears every failure count and lock of the username; change-logged.',
  })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiNoContentResponse({ description: 'Unlocked' })
  @ApiProblems(ADMIN_ACCOUNT_PROBLEMS)
  unlock(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() _body: NoBodyDto,
  ): Promise<void> {
    return this.users.unlock(admin, id);
  }

  @Post(':id/grants')
  @ApiOperation({
    summary: 'Grant the user a role, over the whole organisation or a unit’s subtree',
    description:
      'Answers the account with all its grants. The role counts from the user’s next request ' +
      '(roles are read afresh on each one). Written to the account’s change log.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems({ ...ADMIN_ACCOUNT_PROBLEMS, 422: [ADMIN_GRANT_SCOPED, UNKNOWN_UNIT] })
  addGrant(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: GrantDto,
  ): Promise<UserDto> {
    return this.users.addGrant(admin, id, body);
  }

  @Delete(':id/grants/:grantId')
  @ApiOperation({
    summary: 'Withdraw a role grant',
    description:
      'Every token and browser session of the user stops working: they sign in again with what ' +
      'they still hold.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems({ ...ADMIN_WRITE_PROBLEMS, 404: ['USER.NOT_FOUND', 'USER.GRANT_NOT_FOUND'] })
  removeGrant(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Param('grantId') grantId: string,
  ): Promise<UserDto> {
    return this.users.removeGrant(admin, id, grantId);
  }
}
