import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import type { Principal } from '../domain/org/principal';
import {
  CreateUserDto,
  GrantDto,
  ListUsersQuery,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

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
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(admin, id, body);
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
  @ApiOkResponse({ type: UserDto })
  removeGrant(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Param('grantId') grantId: string,
  ): Promise<UserDto> {
    return this.users.removeGrant(admin, id, grantId);
  }
}
