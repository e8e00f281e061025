import { Logger } from '@nestjs/common';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { SystemClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import type { LoginThrottleRepository } from '../../src/persistence/repositories/login-throttle.repository';
import type { UsersRepository } from '../../src/persistence/repositories/users.repository';
import { TypeOrmUsersRepository } from '../../src/persistence/repositories/typeorm-users.repository';
import { UsersService } from '../../src/users/users.service';
import { DIALECTS } from '../support/databases';
import { countRows, openStore, type Store } from './fixtures';

/**
 * Several instances starting at once on the same empty database: each sees no users and creates
 * the first administrator. One does; the others find the username taken and start all the same.
 */
describe.each(DIALECTS)('first start of several instances on %s', (dialect) => {
  let store: Store;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    store = await openStore(dialect);
  });
  afterAll(() => store.close());

  test('every instance starts, and there is one administrator', async () => {
    const instances = 3;
    // Every instance counts the users before any of them creates the administrator.
    let counted = 0;
    let allCounted: () => void = () => undefined;
    const everyoneCounted = new Promise<void>((resolve) => (allCounted = resolve));
    const startInstance = () => {
      const repository = new TypeOrmUsersRepository(store.database);
      const users: UsersRepository = Object.assign(Object.create(repository) as UsersRepository, {
        count: async () => {
          const n = await repository.count();
          if (++counted === instances) allCounted();
          await everyoneCounted;
          return n;
        },
      });
      const config = {
        auth: { admin: { username: 'admin', password: 'an-admin-password-for-this-test' } },
      } as AppConfig;
      const hasher = new PasswordHasher();
      hasher.useParametersForTests({ algorithm: 'scrypt', N: 2 ** 10, r: 8, p: 1 });
      return new UsersService(
        users,
        store.organisation,
        {} as LoginThrottleRepository,
        hasher,
        config,
        new SystemClock(),
      ).onApplicationBootstrap();
    };

    const started = await Promise.allSettled(Array.from({ length: instances }, startInstance));

    expect(started.map((result) => result.status)).toEqual(Array(instances).fill('fulfilled'));
    expect(await countRows(store.ds, 'users', "username = 'admin'")).toBe(1);
    expect(await countRows(store.ds, 'admin_changes', "action = 'create'")).toBe(1);
  });
});
