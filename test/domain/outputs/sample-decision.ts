import { createHash } from 'node:crypto';
import {
  verificationCodeFor,
  type AwardDecision,
  type DecisionEntry,
} from '../../../src/outputs/award-decision';
import type { DecisionIssuer } from '../../../src/nominations/certificate-document';

/** Stands in for the hash of the audit record that announced a case's award. */
export function fakeRecordHash(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

const ANNOUNCE_HASH_A = fakeRecordHash('announce 101');
const ANNOUNCE_HASH_B = fakeRecordHash('announce 102');
const ANNOUNCE_HASH_C = fakeRecordHash('announce 103');

function entry(
  fields: Omit<DecisionEntry, 'verificationCode' | 'auditHash'>,
  auditHash: string,
): DecisionEntry {
  return { ...fields, auditHash, verificationCode: verificationCodeFor(fields.caseId, auditHash) };
}

/** Every letter that needs a stacked or hooked mark appears somewhere below. */
export const PERSON_ENTRY = entry(
  {
    caseId: 'c0ffee00-0000-4000-8000-000000000101',
    nomineeKind: 'person',
    nomineeName: 'Nguyễn Thị Ngọc Ánh',
    nomineeCode: 'NV-0042',
    unitName: 'Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
    awardCode: 'grassroots_emulation_fighter',
    awardName: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter' },
    evaluationYear: 2025,
    status: 'granted',
  },
  ANNOUNCE_HASH_A,
);

export const SECOND_PERSON_ENTRY = entry(
  {
    caseId: 'c0ffee00-0000-4000-8000-000000000102',
    nomineeKind: 'person',
    nomineeName: 'Đặng Văn Hưởng',
    nomineeCode: 'NV-0107',
    unitName: 'Chi bộ Phòng Kỹ thuật, Công ty Cổ phần Cấp nước',
    awardCode: 'advanced_worker',
    awardName: { vi: 'Lao động tiên tiến', en: 'Advanced worker' },
    evaluationYear: 2025,
    status: 'revoked',
  },
  ANNOUNCE_HASH_B,
);

export const UNIT_ENTRY = entry(
  {
    caseId: 'c0ffee00-0000-4000-8000-000000000103',
    nomineeKind: 'unit',
    nomineeName: 'Đoàn Thanh niên Công ty Điện lực Quảng Ngãi',
    nomineeCode: 'DV-ĐTN-07',
    unitName: 'Đảng bộ Công ty Điện lực Quảng Ngãi',
    awardCode: 'excellent_labour_collective',
    awardName: { vi: 'Tập thể lao động xuất sắc', en: 'Excellent labour collective' },
    evaluationYear: 2025,
    status: 'granted',
  },
  ANNOUNCE_HASH_C,
);

export const SAMPLE_DECISION: AwardDecision = {
  number: '125/QĐ-ĐUK',
  date: '2026-01-05',
  signer: 'Trần Xuân Lâm',
  issuingUnitName: 'Đảng ủy Khối Doanh nghiệp tỉnh Quảng Ngãi',
  ruleSet: { id: 'emulation-titles-2024', version: 3 },
  entries: [PERSON_ENTRY, SECOND_PERSON_ENTRY, UNIT_ENTRY],
};

/** Where the public verify page would resolve an entry's code. */
export function verifyUrlFor(entry: DecisionEntry): string {
  return `https://thidua.example.vn/xac-thuc/${entry.verificationCode}`;
}

/** Fonts a PDF viewer would substitute: none may be used (Vietnamese needs the embedded ones). */
export const STANDARD_14_FONTS = /Times|Helvetica|Courier|Symbol|ZapfDingbats/;

/** The issuing committee as the decisions below name it. */
export const ISSUER: DecisionIssuer = { parentBody: 'Tỉnh ủy Quảng Ngãi', series: 'ĐUK' };

/** The committee's Party decision, signed for its standing committee by the secretary. */
export const PARTY_DECISION: AwardDecision = {
  ...SAMPLE_DECISION,
  number: '125-QĐ/ĐUK',
  format: 'party',
  signature: { title: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], name: 'Trần Xuân Lâm' },
};

/** An enterprise's State decision, signed by a deputy director for the director. */
export const STATE_DECISION: AwardDecision = {
  ...SAMPLE_DECISION,
  number: '37/QĐ-ĐLQN',
  issuingUnitName: 'Công ty Điện lực Quảng Ngãi',
  format: 'state',
  signature: { title: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], name: 'Lê Thị Hồng Nhung' },
};
