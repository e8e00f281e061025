import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { PasswordHasher } from '../auth/password-hasher';
import { generateTemporaryPassword } from '../auth/temporary-password';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppError, notFound } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { authorOf, type AdminChange, type ChangeAuthor } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import {
  LOGIN_THROTTLE_REPOSITORY,
  type LoginThrottleRepository,
} from '../persistence/repositories/login-throttle.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type { Page } from '../persistence/repositories/page';
import {
  USERS_REPOSITORY,
  type StoredGrant,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import type {
  CreateUserDto,
  GrantDto,
  TemporaryPasswordDto,
  UpdateUserDto,
  UserDto,
} from './dto/user.dto';

/** An account's grant or person that names a unit or person the registry does not have. */
const unknownReference = (code: string, details: Record<string, string>, en: string, vi: string) =>
  new AppError(code, 'unprocessable', en, details, { vi, en });

const USERNAME_TAKEN = 'USER.USERNAME_TAKEN';

const userNotFound = (id: string) =>
  notFound('USER.NOT_FOUND', `No user ${id}.`, { userId: id }, 'Không tìm thấy tài khoản.');

/** Accounts and their role grants; every change is written to the change log with it. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttle: LoginThrottleRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * First start on an empty database: create the admin from ADMIN_USERNAME / ADMIN_PASSWORD.
   * Several instances starting at once on the same empty database all see no users; the username
   * is unique, so one creates the admin and the others find the name taken: for them it is done.
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { username, password } = this.config.auth.admin;
    const chosen = password ?? randomBytes(18).toString('base64url');
    try {
      await this.createAs(
        { userId: null, username: 'system' },
        {
          username,
          displayName: 'Quản trị hệ thống',
          password: chosen,
          grants: [{ role: 'admin' }],
        },
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === USERNAME_TAKEN)) throw error;
      this.logger.log(`The first administrator "${username}" was created by another instance`);
      return;
    }
    if (password === undefined) {
      // Printed once, on the first start only: the operator is expected to note it.
      this.logger.warn(
        `Created the first administrator "${username}" with the generated password: ${chosen}`,
      );
    } else {
      this.logger.log(`Created the first administrator "${username}" from ADMIN_PASSWORD`);
    }
  }

  /** The administrator chose the password: the user must replace it at the first sign-in. */
  create(admin: Principal, input: CreateUserDto): Promise<UserDto> {
    return this.createAs(authorOf(admin), input, { mustChangePassword: true });
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.load(id));
  }

  /**
   * The account's history: creation, updates, grants given and withdrawn. Accounts span units, so
   * only admins and organisation-wide auditors read it.
   */
  async changes(principal: Principal, id: string): Promise<AdminChange[]> {
    const wholeOrganisation = rolesAt(principal.grants, null);
    if (!wholeOrganisation.includes('admin') && !wholeOrganisation.includes('auditor')) {
      throw new AppError(
        'AUTH.FORBIDDEN',
        'forbidden',
        'Only administrators and organisation-wide auditors read account histories.',
        {},
        {
          vi: 'Chỉ quản trị viên và kiểm tra viên toàn tổ chức được xem lịch sử tài khoản.',
          en: 'Only administrators and organisation-wide auditors read account histories.',
        },
      );
    }
    await this.load(id);
    return this.organisation.changesOf('user', id);
  }

  async list(cursor: string | undefined, limit: number): Promise<Page<UserDto>> {
    const page = await this.users.list(cursor, limit);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  async update(admin: Principal, id: string, input: UpdateUserDto): Promise<UserDto> {
    if (input.personId) await this.assertPersonExists(input.personId);
    const at = this.clock.nowIso();
    const result = isUuid(id)
      ? await this.users.modify(id, (before) => {
          const after: StoredUser = {
            ...before,
            displayName: input.displayName ?? before.displayName,
            active: input.active ?? before.active,
            personId: input.personId === undefined ? before.personId : input.personId,
            email: input.email === undefined ? (before.email ?? null) : input.email,
          };
          const change = changeRecord(
            authorOf(admin),
            at,
            'user',
            id,
            'update',
            toUserDto(before),
            toUserDto(after),
          );
          return { after, change };
        })
      : null;
    if (!result) throw userNotFound(id);
    return toUserDto(result.after);
  }

  async addGrant(admin: Principal, userId: string, input: GrantDto): Promise<UserDto> {
    const user = await this.load(userId);
    const grant = await this.toGrant(input);
    await this.users.addGrant(
      userId,
      grant,
      changeRecord(authorOf(admin), grant.createdAt, 'user', userId, 'grant', null, {
        grantId: grant.id,
        userId,
        role: grant.role,
        unitId: grant.unitId,
      }),
    );
    return toUserDto(withGrants(user, [...user.grants, grant]));
  }

  async removeGrant(admin: Principal, userId: string, grantId: string): Promise<UserDto> {
    const user = await this.load(userId);
    const grant = user.grants.find((candidate) => candidate.id === grantId);
    const change = grant
      ? changeRecord(
          authorOf(admin),
          this.clock.nowIso(),
          'user',
          userId,
          'revoke',
          {
            grantId,
            role: grant.role,
            unitId: grant.unitId,
          },
          null,
        )
      : undefined;
    if (!grant || !change || !(await this.users.removeGrant(userId, grantId, change))) {
      throw notFound(
        'USER.GRANT_NOT_FOUND',
        `User ${userId} has no grant ${grantId}.`,
        {},
        'Tài khoản không có quyền được giao này.',
      );
    }
    return toUserDto(
      withGrants(
        user,
        user.grants.filter((g) => g.id !== grantId),
      ),
    );
  }

  /**
   * A new password for a user who lost theirs: generated here and shown once, to be replaced at
   * the next sign-in. Every session and every token of the user stops working.
   */
  async resetPassword(admin: Principal, id: string): Promise<TemporaryPasswordDto> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await this.hasher.hash(temporaryPassword);
    const at = this.clock.nowIso();
    const result = isUuid(id)
      ? await this.users.setPassword(
          id,
          { passwordHash, mustChangePassword: true },
          { reason: 'password_reset', keepSessionId: null },
          at,
          (sessionsEnded) =>
            changeRecord(authorOf(admin), at, 'user', id, 'password_reset', null, {
              mustChangePassword: true,
              sessionsEnded,
            }),
        )
      : null;
    if (!result) throw userNotFound(id);
    return { temporaryPassword };
  }

  /** Lifts every sign-in lock and failure count of the user, from every address. */
  async unlock(admin: Principal, id: string): Promise<void> {
    const user = await this.load(id);
    const at = this.clock.nowIso();
    await this.throttle.clearAll(user.username, (cleared) =>
      changeRecord(authorOf(admin), at, 'user', id, 'login_unlocked', { throttled: cleared }, null),
    );
  }

  /**
   * For system callers (first start, demo loader): the author is named, not a logged-in user.
   * Their passwords come from configuration, so nobody is made to change them.
   */
  async createAs(
    author: ChangeAuthor,
    input: CreateUserDto,
    options: { mustChangePassword: boolean } = { mustChangePassword: false },
  ): Promise<UserDto> {
    if (input.personId) await this.assertPersonExists(input.personId);
    const grants = await Promise.all(input.grants.map((grant) => this.toGrant(grant)));
    const user: StoredUser = {
      id: uuidv7(),
      username: input.username,
      displayName: input.displayName.normalize('NFC'),
      passwordHash: await this.hasher.hash(input.password),
      active: true,
      personId: input.personId ?? null,
      email: input.email ?? null,
      grants,
      roles: [...new Set(grants.map((grant) => grant.role))],
      mustChangePassword: options.mustChangePassword,
      createdAt: this.clock.nowIso(),
    };
    const change = changeRecord(
      author,
      user.createdAt,
      'user',
      user.id,
      'create',
      null,
      toUserDto(user),
    );
    if (!(await this.users.create(user, change))) {
      throw new AppError(
        USERNAME_TAKEN,
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

  /** Admin is an organisation-wide role; every other role may be limited to a unit subtree. */
  private async toGrant(input: GrantDto): Promise<StoredGrant> {
    const unitId = input.unitId ?? null;
    if (input.role === 'admin' && unitId !== null) {
      throw new AppError(
        'USER.ADMIN_GRANT_SCOPED',
        'unprocessable',
        'The admin role is organisation-wide and cannot be limited to a unit.',
        {},
        {
          vi: 'Vai trò quản trị áp dụng cho toàn tổ chức, không giới hạn theo đơn vị.',
          en: 'The admin role is organisation-wide and cannot be limited to a unit.',
        },
      );
    }
    const unit = unitId === null ? null : await this.organisation.findUnitById(unitId);
    if (unitId !== null && !unit) {
      throw unknownReference(
        'USER.UNKNOWN_UNIT',
        { unitId },
        `No unit ${unitId}.`,
        `Không có đơn vị ${unitId}.`,
      );
    }
    return {
      id: uuidv7(),
      role: input.role,
      unitId,
      scope: unit?.path ?? null,
      createdAt: this.clock.nowIso(),
    };
  }

  private async assertPersonExists(personId: string): Promise<void> {
    if (!(await this.organisation.findPersonById(personId))) {
      throw unknownReference(
        'USER.UNKNOWN_PERSON',
        { personId },
        `No person ${personId}.`,
        `Không có cán bộ ${personId}.`,
      );
    }
  }

  private async load(id: string): Promise<StoredUser> {
    const user = isUuid(id) ? await this.users.findById(id) : null;
    if (!user) throw userNotFound(id);
    return user;
  }
}

function withGrants(user: StoredUser, grants: StoredGrant[]): StoredUser {
  return { ...user, grants, roles: [...new Set(grants.map((grant) => grant.role))] };
}

function toUserDto(user: StoredUser): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    email: user.email ?? null,
    grants: user.grants.map((grant) => ({ id: grant.id, role: grant.role, unitId: grant.unitId })),
    roles: user.roles,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt,
  };
}
