import { InitialSchema1764050000000 } from './1764050000000-initial-schema';
import { Organisation1764060000000 } from './1764060000000-organisation';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [InitialSchema1764050000000, Organisation1764060000000];
