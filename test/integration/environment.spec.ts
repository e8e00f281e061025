import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';
import { createDataSource } from '../../src/persistence/data-source';
import { connectionLimits } from '../../src/web-server/http-timeouts';

/** Start-up configuration: a bad value or an unsafe production setting stops the server. */
describe('the environment', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
    ADMIN_PASSWORD: 'a-long-admin-password',
    DEMO_PASSWORD: 'another-long-password',
    PUBLIC_BASE_URL: 'https://thidua.example.gov.vn',
    BALLOT_SEALING_KEY: 'a-ballot-sealing-secret-of-more-than-32-characters',
  };

  test('development needs nothing: defaults and generated secrets', () => {
    const environment = validateEnvironment({});
    expect(environment).toMatchObject({ PORT: 3000, SQLITE_SYNCHRONOUS: 'FULL' });
    expect(environment.JWT_SECRET).toBeUndefined();
  });

  test('production with every secret set starts', () => {
    expect(validateEnvironment(production).NODE_ENV).toBe('production');
  });

  test.each([
    'JWT_SECRET',
    'ADMIN_PASSWORD',
    'DEMO_PASSWORD',
    'PUBLIC_BASE_URL',
    'BALLOT_SEALING_KEY',
  ])('production without %s refuses to start, naming it', (name) => {
    const environment: Record<string, string> = { ...production };
    delete environment[name];
    expect(() => validateEnvironment(environment)).toThrow(new RegExp(`${name}: `));
  });

  test.each([
    ['PORT', 'abc'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
    ['JWT_SECRET', 'short'],
    ['BALLOT_SEALING_KEY', 'short'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOGIN_MAX_FAILURES', '0'],
  ])('%s=%s is refused with a message naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  test.each(['http://localhost:3000', 'http://127.0.0.1', 'https://[::1]:8443'])(
    'production refuses PUBLIC_BASE_URL=%s: certificates would link to this machine',
    (url) => {
      expect(() => validateEnvironment({ ...production, PUBLIC_BASE_URL: url })).toThrow(
        /PUBLIC_BASE_URL: may not point at this machine/,
      );
    },
  );

  test('PUBLIC_BASE_URL must be an http(s) URL, in any environment', () => {
    expect(() => validateEnvironment({ PUBLIC_BASE_URL: 'thidua.example.gov.vn' })).toThrow(
      /PUBLIC_BASE_URL: must be an http\(s\) URL/,
    );
    expect(validateEnvironment({ PUBLIC_BASE_URL: 'http://localhost:3000' }).PUBLIC_BASE_URL).toBe(
      'http://localhost:3000',
    );
  });

  test('PostgreSQL connections per instance: a number, and only with PostgreSQL', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    const sized = new AppConfig(
      validateEnvironment({ DATABASE_URL: url, DATABASE_POOL_SIZE: '40' }),
    );
    expect(sized.database).toMatchObject({ kind: 'postgres', poolSize: 40 });
    // The pool the data source opens holds at most that many.
    const dataSource = createDataSource(sized.database);
    expect(dataSource.options).toMatchObject({ extra: { max: 40 } });
    expect(new AppConfig(validateEnvironment({ DATABASE_URL: url })).database).toMatchObject({
      poolSize: 10,
    });
    expect(() => validateEnvironment({ DATABASE_URL: url, DATABASE_POOL_SIZE: '0' })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
    expect(() => validateEnvironment({ DATABASE_URL: url, DATABASE_POOL_SIZE: 'many' })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
    // On the embedded database it would do nothing: refused, not ignored.
    expect(() => validateEnvironment({ DATABASE_POOL_SIZE: '40' })).toThrow(
      /DATABASE_POOL_SIZE: only for PostgreSQL/,
    );
    expect(() => validateEnvironment({ DATABASE_SCHEMA: 'tenant_a' })).toThrow(
      /DATABASE_SCHEMA: only for PostgreSQL/,
    );
  });

  test('an empty variable counts as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  test('every connection timeout is set, with defaults a slow link can meet', () => {
    const { httpTimeouts } = new AppConfig(validateEnvironment({}));
    expect(httpTimeouts).toEqual({
      headersMs: 20_000,
      requestMs: 120_000,
      keepAliveMs: 65_000,
      idleMs: 300_000,
    });
    const limits = connectionLimits(new AppConfig(validateEnvironment({})));
    expect(limits).toMatchObject({
      connectionTimeout: 300_000,
      keepAliveTimeout: 65_000,
      requestTimeout: 120_000,
      http: { headersTimeout: 20_000, requestTimeout: 120_000, keepAliveTimeout: 65_000 },
    });
    // Node checks for late requests often enough to close them near their time, not 30 s later.
    expect(limits.http.connectionsCheckingInterval).toBeLessThanOrEqual(5_000);
  });

  test.each([
    ['HTTP_HEADERS_TIMEOUT_SECONDS', '0'],
    ['HTTP_REQUEST_TIMEOUT_SECONDS', 'soon'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', '-1'],
    ['HTTP_IDLE_TIMEOUT_SECONDS', '1.5'],
    ['UPLOAD_QUOTA_USER_MIB_PER_DAY', '0'],
    ['UPLOAD_QUOTA_CASE_MIB', 'lots'],
  ])('%s=%s is refused with a message naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  test('headers may not take longer than the whole request', () => {
    expect(() =>
      validateEnvironment({
        HTTP_HEADERS_TIMEOUT_SECONDS: '60',
        HTTP_REQUEST_TIMEOUT_SECONDS: '30',
      }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS: may not exceed HTTP_REQUEST_TIMEOUT_SECONDS/);
  });

  test('upload quotas are read in MiB', () => {
    const config = new AppConfig(
      validateEnvironment({ UPLOAD_QUOTA_USER_MIB_PER_DAY: '3', UPLOAD_QUOTA_CASE_MIB: '2' }),
    );
    expect(config.uploadQuota).toEqual({
      userBytesPerDay: 3 * 1024 * 1024,
      caseBytes: 2 * 1024 * 1024,
    });
  });
});
