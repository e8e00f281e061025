import type {
  EligibilityOutcome,
  EligibilityResult,
} from '../../../src/domain/rules/eligibility-types';
import type {
  DecisionNumberFact,
  DocumentFact,
  PublicNoticeFact,
} from '../../../src/domain/workflow/event-facts';

/*
 * Facts as the application would establish them, and payload values the guards accept: the
 * building blocks the machine tables (and the guard catalogue) write their inputs with. Nothing
 * here is read from a workflow file.
 */

// ---------------------------------------------------------------------------------------------
// Payload values
// ---------------------------------------------------------------------------------------------

export const VALID_REASON = 'Hồ sơ thiếu bản thành tích có xác nhận của đơn vị.';
export const VALID_OBJECTION = 'Thành tích kê khai năm 2025 không đúng với thực tế của đơn vị.';

/** A decision whose number the user types (hasDecision). */
export const VALID_DECISION = {
  number: '123/QĐ-UBND',
  date: '2026-01-15',
  signer: 'Trần Xuân Lâm',
};

/** A decision whose number the system allocates (hasSignedDecision): only date and signer. */
export const SIGNED = { date: '2026-04-20', signer: 'Trần Xuân Lâm' };

// ---------------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------------

export const RULE_SET = { id: 'vn-tdkt', version: 3, hash: 'e'.repeat(64) };

export function eligibility(outcome: EligibilityOutcome): EligibilityResult {
  return {
    outcome,
    lines: [
      {
        rule: 'discipline.in_force',
        outcome: outcome === 'eligible' ? 'pass' : outcome === 'ineligible' ? 'fail' : outcome,
        reason: { vi: `Kết quả: ${outcome}`, en: `Outcome: ${outcome}` },
        source: [],
      },
    ],
    ruleSet: RULE_SET,
  };
}

export const ELIGIBLE = eligibility('eligible');
export const NEEDS_REVIEW = eligibility('needs_review');
export const ON_HOLD = eligibility('on_hold');
export const INELIGIBLE = eligibility('ineligible');

// ---------------------------------------------------------------------------------------------
// Public notice
// ---------------------------------------------------------------------------------------------

/** A public notice of 10 working days, 2026-04-01 to 2026-04-14 inclusive. */
export const NOTICE_REQUIRED: PublicNoticeFact = {
  required: true,
  workingDays: 10,
  opensOn: '2026-04-01',
  closesOn: '2026-04-14',
};
export const NOTICE_NOT_REQUIRED: PublicNoticeFact = {
  required: false,
  workingDays: null,
  opensOn: null,
  closesOn: null,
};
/** Days around NOTICE_REQUIRED.closesOn. */
export const LAST_NOTICE_DAY = '2026-04-14';
export const DAY_AFTER_NOTICE = '2026-04-15';
export const DAY_IN_NOTICE = '2026-04-03';

// ---------------------------------------------------------------------------------------------
// Decision numbers and documents
// ---------------------------------------------------------------------------------------------

export const ISSUING_UNIT = { id: 'unit-ubnd', code: 'UBND', name: 'Ủy ban nhân dân tỉnh' };
export const AWARD_NUMBER: DecisionNumberFact = {
  number: '15/QĐ-UBND',
  sequence: 15,
  year: 2026,
  issuingUnit: ISSUING_UNIT,
};
export const REVOCATION_NUMBER: DecisionNumberFact = {
  number: '88/QĐ-UBND',
  sequence: 88,
  year: 2026,
  issuingUnit: ISSUING_UNIT,
};

export function documentFact(code: string, sha: string): DocumentFact {
  return {
    id: `doc-${code}-${sha}`,
    code,
    sha256: sha.repeat(64),
    size: 2048,
    mediaType: 'application/pdf',
    fileName: `${code}.pdf`,
  };
}

// ---------------------------------------------------------------------------------------------
// Discipline
// ---------------------------------------------------------------------------------------------

/** What the application passes from the rule set in force (a subset is enough here). */
export const DISCIPLINE_FORMS = {
  party_member: ['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru'],
  civil_servant: ['khien_trach', 'canh_cao'],
};
