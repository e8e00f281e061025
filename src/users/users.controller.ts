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
import { UsersService } from './users.service';

/** What an administrator's action on an account may answer besides success. */
const ADMIN_ACCOUNT_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  400: ['VALIDATION.FAILED'],
  403: ['AUTH.FORBIDDEN', 'AUTH.PASSWORD_CHANGE_REQUIRED', 'AUTH.CSRF'],
  404: ['USER.NOT_FOUND'],
} as const;

@ApiTags('users')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() admin: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(admin, body);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query.cursor, query.limit ?? 50);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  /** Auditors read every account's history too; they change nothing. */
  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
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
  @ApiCreatedResponse({ type: UserDto })
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
  removeGrant(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Param('grantId') grantId: string,
  ): Promise<UserDto> {
    return this.users.removeGrant(admin, id, grantId);
  }
}
