import type { Role } from '../domain/roles';

/** Who may read objectors' identities: the secretariat handling the case, and auditors. */
export const OBJECTOR_IDENTITY_READERS: Role[] = ['secretariat', 'auditor'];
