import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap';
import type { Role } from '../../src/domain/roles';
import { createTestDatabase, type DialectName, type TestDatabase } from './databases';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
export const TEST_PASSWORD = 'a-long-test-password';

/** The real application (same bootstrap as production) on a fresh database. */
export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  http: TestAgent;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  adminToken: string;
  /** Creates a user with these roles (through the API, as an admin) and returns their token. */
  userWith(...roles: Role[]): Promise<{ id: string; username: string; token: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function startTestApp(dialect: DialectName): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ...database.env,
  });
  const app = await createApp();
  const http = request(app.getHttpServer());

  const login = async (username: string, password = TEST_PASSWORD) => {
    const response = await http.post('/api/v1/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    return response.body.accessToken as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);

  const userWith = async (...roles: Role[]) => {
    userCounter += 1;
    const username = `${roles.join('-').replace(/_/g, '.')}-${userCounter}`.slice(0, 64);
    const response = await http
      .post('/api/v1/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ username, displayName: `Người dùng ${userCounter}`, password: TEST_PASSWORD, roles });
    if (response.status !== 201) throw new Error(`create user: ${JSON.stringify(response.body)}`);
    return { id: response.body.id as string, username, token: await login(username) };
  };

  return {
    app,
    database,
    http,
    login,
    adminToken,
    userWith,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
