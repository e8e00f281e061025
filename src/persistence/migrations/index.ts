import { InitialSchema1764050000000 } from './1764050000000-initial-schema';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [InitialSchema1764050000000];
