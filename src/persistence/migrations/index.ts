import { InitialSchema1764050000000 } from './1764050000000-initial-schema';
import { Organisation1764060000000 } from './1764060000000-organisation';
import { LoginThrottle1764070000000 } from './1764070000000-login-throttle';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [
  InitialSchema1764050000000,
  Organisation1764060000000,
  LoginThrottle1764070000000,
];
