import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/errors';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { UNKNOWN_USER_HASH, verifyPassword } from './password-hasher';
import type { TokenDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenDto> {
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    // Always run the KDF, so a wrong username and a wrong password take the same time.
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || !user.active) {
      throw new AppError(
        'AUTH.INVALID_CREDENTIALS',
        'unauthenticated',
        'Wrong username or password.',
        {},
        { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
      );
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }
}
