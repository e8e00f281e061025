import { validateEnvironment } from '../../src/config/environment';

/** Start-up configuration: a bad value or an unsafe production setting stops the server. */
describe('the environment', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
    ADMIN_PASSWORD: 'a-long-admin-password',
    DEMO_PASSWORD: 'another-long-password',
  };

  test('development needs nothing: defaults and generated secrets', () => {
    const environment = validateEnvironment({});
    expect(environment).toMatchObject({ PORT: 3000, SQLITE_SYNCHRONOUS: 'FULL' });
    expect(environment.JWT_SECRET).toBeUndefined();
  });

  test('production with every secret set starts', () => {
    expect(validateEnvironment(production).NODE_ENV).toBe('production');
  });

  test.each(['JWT_SECRET', 'ADMIN_PASSWORD', 'DEMO_PASSWORD'])(
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

  test('an empty variable counts as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
