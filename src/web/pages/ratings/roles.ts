import type { Role } from '../../session/session';

/** Who may read ratings: every role, each within its units (the server narrows the list). */
export const RATING_READERS: Role[] = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

/** Who may enter ratings (src/ratings/ratings.service.ts RATING_KEEPERS; the server checks scope). */
export const RATING_KEEPERS: Role[] = ['admin', 'secretariat', 'unit_leader'];
