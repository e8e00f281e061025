import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../auth/password-hasher';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { Page } from '../persistence/repositories/page';
import {
  USERS_REPOSITORY,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import type { CreateUserDto, UserDto } from './dto/user.dto';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** First start on an empty database: create the admin from ADMIN_USERNAME / ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { username, password } = this.config.auth.admin;
    const chosen = password ?? randomBytes(18).toString('base64url');
    await this.create({
      username,
      displayName: 'Quản trị hệ thống',
      password: chosen,
      roles: ['admin'],
    });
    if (password === undefined) {
      // Printed once, on the first start only: the operator is expected to note it.
      this.logger.warn(
        `Created the first administrator "${username}" with the generated password: ${chosen}`,
      );
    } else {
      this.logger.log(`Created the first administrator "${username}" from ADMIN_PASSWORD`);
    }
  }

  async create(input: CreateUserDto): Promise<UserDto> {
    const user: StoredUser = {
      id: uuidv7(),
      username: input.username,
      displayName: input.displayName.normalize('NFC'),
      passwordHash: await hashPassword(input.password),
      active: true,
      roles: [...new Set(input.roles)],
      createdAt: this.clock.nowIso(),
    };
    if (!(await this.users.create(user))) {
      throw new AppError(
        'USER.USERNAME_TAKEN',
        'conflict',
        `The username "${input.username}" is taken.`,
        { username: input.username },
        {
          vi: `Tên đăng nhập "${input.username}" đã có người dùng.`,
          en: `The username "${input.username}" is taken.`,
        },
      );
    }
    return toUserDto(user);
  }

  async list(cursor: string | undefined, limit: number): Promise<Page<UserDto>> {
    const page = await this.users.list(cursor, limit);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }
}

function toUserDto(user: StoredUser): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    active: user.active,
    createdAt: user.createdAt,
  };
}
