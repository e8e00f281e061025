import { validateEnvironment } from '../../src/config/environment';

/** Start-up configuration: a bad value or an unsafe production setting stops the server. */
describe('the environment', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
    ADMIN_PASSWORD: 'a-long-admin-password',
    DEMO_PASSWORD: 'another-long-password',
    PUBLIC_BASE_URL: 'https://thidua.example.gov.vn',
  };

  test('development needs nothing: defaults and generated secrets', () => {
    const environment = validateEnvironment({});
    expect(environment).toMatchObject({ PORT: 3000, SQLITE_SYNCHRONOUS: 'FULL' });
    expect(environment.JWT_SECRET).toBeUndefined();
  });

  test('production with every secret set starts', () => {
    expect(validateEnvironment(production).NODE_ENV).toBe('production');
  });

  test.each(['JWT_SECRET', 'ADMIN_PASSWORD', 'DEMO_PASSWORD', 'PUBLIC_BASE_URL'])(
    'production without %s refuses to start, naming it',
    (name) => {
      const environment: Record<string, string> = { ...production };
      delete environment[name];
      expect(() => validateEnvironment(environment)).toThrow(new RegExp(`${name}: `));
    },
  );

  test.each([
    ['PORT', 'abc'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
    ['JWT_SECRET', 'short'],
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

  test('an empty variable counts as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
