import { describeAuthorisationMatrix } from './authorization-matrix';

/** The authorisation matrix (authorization-matrix.ts) on PostgreSQL; SQLite has its own file. */
describeAuthorisationMatrix('postgres');
