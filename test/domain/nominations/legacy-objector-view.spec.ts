import type { AuditRecord } from '../../../src/domain/audit/audit-record';
import type { StoredCase } from '../../../src/domain/cases/stored-case';
import type { Principal } from '../../../src/domain/org/principal';
import type { Role } from '../../../src/domain/roles';
import { withoutLegacyObjector } from '../../../src/nominations/legacy-objector-view';

/*
 * Objections recorded before nomination version 4 hold the objector's name and contact in their
 * payload; the chain cannot be rewritten. A reader who may not read identities is shown the record
 * without them, told what was left out.
 */

const UNIT = '/u-1/';
const stored = { unitPath: UNIT } as StoredCase;

const reader = (role: Role, scope: string | null = UNIT): Principal => ({
  userId: 'u',
  username: 'u',
  roles: [role],
  personId: null,
  grants: [{ role, unitId: null, scope }],
});

const record = (eventType: string, payload: Record<string, unknown>): AuditRecord => ({
  caseId: 'c',
  seq: 9,
  at: '2025-11-02T03:00:00.000Z',
  actor: { userId: 'p', username: 'public', role: 'public' },
  eventType,
  payload,
  fromState: 'public_notice',
  toState: 'objection_review',
  workflow: { id: 'nomination', version: 3, hash: 'h' },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

const legacy = record('FILE_OBJECTION', {
  objection: 'Sáng kiến là của tập thể phòng.',
  name: 'Trần Văn Dân',
  contact: 'dan.tran@example.vn',
});

describe('withoutLegacyObjector', () => {
  test.each<Role>(['unit_leader', 'council_member', 'council_chair'])(
    'a %s is shown the objection without who filed it',
    (role) => {
      expect(withoutLegacyObjector(legacy, { principal: reader(role), stored })).toEqual({
        ...legacy,
        payload: { objection: 'Sáng kiến là của tập thể phòng.' },
        redacted: ['payload.name', 'payload.contact'],
      });
    },
  );

  test.each<Role>(['secretariat', 'auditor'])('a %s of the unit is shown it whole', (role) => {
    expect(withoutLegacyObjector(legacy, { principal: reader(role), stored })).toBe(legacy);
  });

  test('a secretariat of another unit who leads this one is not', () => {
    const principal: Principal = {
      ...reader('unit_leader'),
      grants: [
        { role: 'unit_leader', unitId: null, scope: UNIT },
        { role: 'secretariat', unitId: null, scope: '/u-2/' },
      ],
    };
    expect(withoutLegacyObjector(legacy, { principal, stored }).redacted).toEqual([
      'payload.name',
      'payload.contact',
    ]);
  });

  test('other records and objections without an identity are shown as recorded', () => {
    const submit = record('SUBMIT', { name: 'not an objector' });
    expect(withoutLegacyObjector(submit, { principal: reader('unit_leader'), stored })).toBe(
      submit,
    );
    const anonymous = record('FILE_OBJECTION', { objection: 'Không rõ nguồn gốc sáng kiến.' });
    expect(withoutLegacyObjector(anonymous, { principal: reader('unit_leader'), stored })).toBe(
      anonymous,
    );
  });
});
