import { describeAuthorisationMatrix } from './authorization-matrix';

/** The authorisation matrix (authorization-matrix.ts) on SQLite; PostgreSQL has its own file. */
describeAuthorisationMatrix('sqlite');
