import type { AuditRecord } from '../domain/audit/audit-record';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { StoredCase } from '../domain/cases/stored-case';
import { OBJECTOR_IDENTITY_READERS } from './objector-identity-readers';

/** The payload fields in which workflow versions before 4 recorded who objected. */
const LEGACY_IDENTITY_FIELDS = ['name', 'contact'] as const;

/** A record as a reader is shown it; `redacted` names what was left out (its hash no longer fits). */
export type ShownRecord = AuditRecord & { redacted?: string[] };

/**
 * An objection recorded before version 4 carries the objector's name and contact in its payload,
 * and the chain is append-only: the record cannot be rewritten. Shown to a reader who may not read
 * objectors' identities (not the secretariat or an auditor of the case's unit), the record leaves
 * them out and says so; its hash then covers what the reader does not see, so only the server's
 * verification (GET /cases/:id/verify), or a reader shown the full record, can check it.
 */
export function withoutLegacyObjector(
  record: AuditRecord,
  reader: { principal: Principal; stored: StoredCase },
): ShownRecord {
  if (record.eventType !== 'FILE_OBJECTION') return record;
  const present = LEGACY_IDENTITY_FIELDS.filter((field) => Object.hasOwn(record.payload, field));
  if (present.length === 0) return record;
  const roles = rolesAt(reader.principal.grants, reader.stored.unitPath);
  if (roles.some((role) => OBJECTOR_IDENTITY_READERS.includes(role))) return record;
  const payload = Object.fromEntries(
    Object.entries(record.payload).filter(([field]) => !present.includes(field as never)),
  );
  return { ...record, payload, redacted: present.map((field) => `payload.${field}`) };
}
