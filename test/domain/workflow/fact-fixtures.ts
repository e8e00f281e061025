import type {
  EligibilityOutcome,
  EligibilityResult,
} from '../../../src/domain/rules/eligibility-types';
import type {
  AgendaItemFact,
  CouncilAgendaFact,
  CouncilParticipationFact,
  CouncilRosterFact,
  CouncilTallyFact,
  DecisionNumberFact,
  DocumentFact,
  ItemTallyFact,
  MinutesFact,
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

// ---------------------------------------------------------------------------------------------
// Councils: a roster, an agenda, a count and the minutes of one session
// ---------------------------------------------------------------------------------------------

/** Ids as the application makes them (the session's payload schemas accept UUIDs only). */
const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const personId = (n: number): string => uuid('a1000000', n);

export const COUNCIL_ID = uuid('c0c00000', 1);
export const SESSION_ID = uuid('5e550000', 1);
/**
 * After the notice (NOTICE_REQUIRED closes 2026-04-14) and before the award decision is signed
 * (SIGNED, 2026-04-20): the nominations the session votes on follow that order.
 */
export const MEETING_DATE = '2026-04-17';
/** The nomination voted on, and one deferred (a pending matter about its nominee). */
export const ITEM_CASE_ID = uuid('ca5e0000', 1);
export const DEFERRED_CASE_ID = uuid('ca5e0000', 2);
/** A nomination that is not on the agenda. */
export const OFF_AGENDA_CASE_ID = uuid('ca5e0000', 3);
/** Someone who is not on the council on the meeting date. */
export const OUTSIDER = uuid('0b500000', 1);

export const CHAIR = personId(1);
/** The member whom the voted nomination names: recused on it without declaring anything. */
export const NOMINEE_MEMBER = personId(9);
export const SECRETARY = personId(10);
/** The nine voting members: the chair, a vice-chair and seven members. */
export const VOTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(personId);

export const COUNCIL_RULE_SET = { id: 'vn-law-06-2022-decree-152-2025', version: 2 };
export const COUNCIL_RULES: NonNullable<CouncilRosterFact['rules']> = {
  quorum: { numerator: 2, denominator: 3, comparison: 'gte' },
  writtenVotes: true,
  recusedLeaveBase: true,
  ruleSet: COUNCIL_RULE_SET,
};

/** Nine voting members and a secretary, with the rule set's 2/3 quorum: six must be present. */
export const COUNCIL_ROSTER: CouncilRosterFact = {
  councilId: COUNCIL_ID,
  on: MEETING_DATE,
  members: [
    { personId: CHAIR, name: 'Nguyễn Văn An', role: 'chair', votes: true },
    { personId: personId(2), name: 'Trần Thị Bình', role: 'vice_chair', votes: true },
    ...[3, 4, 5, 6, 7, 8, 9].map((n) => ({
      personId: personId(n),
      name: `Thành viên ${n}`,
      role: 'member' as const,
      votes: true,
    })),
    { personId: SECRETARY, name: 'Lê Văn Thư', role: 'secretary', votes: false },
  ],
  rules: COUNCIL_RULES,
};
export const ROSTER_WITHOUT_RULES: CouncilRosterFact = { ...COUNCIL_ROSTER, rules: null };

/** Exactly the quorum (6 of 9), and one short of it with the non-voting secretary beside them. */
export const PRESENT_AT_QUORUM = VOTERS.slice(0, 6);
export const PRESENT_BELOW_QUORUM = [...VOTERS.slice(0, 5), SECRETARY];

export const ITEM_TO_VOTE: AgendaItemFact = {
  caseId: ITEM_CASE_ID,
  nominee: { kind: 'person', name: 'Thành viên 9' },
  award: {
    code: 'chien_si_thi_dua_co_so',
    name: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter' },
  },
  status: 'to_vote',
  deferredBecause: null,
  recusals: [{ personId: NOMINEE_MEMBER, reason: 'nominee' }],
  vote: {
    ratio: 0.7,
    comparison: 'gte',
    base: 'all_members',
    ballot: 'secret',
    ruleSet: { id: RULE_SET.id, version: RULE_SET.version },
  },
};
export const ITEM_DEFERRED: AgendaItemFact = {
  ...ITEM_TO_VOTE,
  caseId: DEFERRED_CASE_ID,
  nominee: { kind: 'unit', name: 'Phòng Kế hoạch' },
  award: {
    code: 'tap_the_lao_dong_tien_tien',
    name: { vi: 'Tập thể lao động tiên tiến', en: 'Advanced labour collective' },
  },
  status: 'deferred',
  deferredBecause: {
    vi: 'Đang xem xét kỷ luật một thành viên của tập thể',
    en: 'A member of the collective is under disciplinary review',
  },
  recusals: [],
};
export const COUNCIL_AGENDA: CouncilAgendaFact = { items: [ITEM_TO_VOTE, ITEM_DEFERRED] };
/** The recusal the agenda records for ITEM_TO_VOTE. */
export const AUTOMATIC_RECUSAL = {
  caseId: ITEM_CASE_ID,
  personId: NOMINEE_MEMBER,
  reason: 'nominee',
  automatic: true,
};

/** The chair has voted on the item (who, never how). */
export const PARTICIPATION: CouncilParticipationFact = {
  ballots: [{ itemCaseId: ITEM_CASE_ID, personId: CHAIR }],
};

/** Eight in the base (nine voters, the nominee recused); 70% of 8 is 5.6, so 6 approvals reach. */
export const ITEM_COUNT: ItemTallyFact = {
  caseId: ITEM_CASE_ID,
  approve: 6,
  reject: 1,
  abstain: 1,
  base: 8,
  baseKind: 'all_members',
  needed: 6,
  ratio: 0.7,
  comparison: 'gte',
  recommended: true,
  ballot: 'secret',
  openVotes: null,
  ruleSets: { award: { id: RULE_SET.id, version: RULE_SET.version }, council: COUNCIL_RULE_SET },
};
export const COUNCIL_TALLY: CouncilTallyFact = { items: [ITEM_COUNT] };

export const MINUTES: MinutesFact = {
  sha256: 'f'.repeat(64),
  size: 48_213,
  fileName: 'bien-ban-hop-hoi-dong.pdf',
  sessionDocumentId: 'doc-minutes-session',
  documentIds: { [ITEM_CASE_ID]: 'doc-minutes-item' },
};

/** The minutes as the voted nomination's dossier receives them (its `document` fact). */
export const MINUTES_DOCUMENT: DocumentFact = {
  id: 'doc-minutes-item',
  code: 'bien_ban_hop_hoi_dong',
  sha256: MINUTES.sha256,
  size: MINUTES.size,
  mediaType: 'application/pdf',
  fileName: MINUTES.fileName,
};

/** What COUNCIL_RECOMMENDS carries for ITEM_COUNT: exactly at the threshold. */
export const RECOMMENDATION = {
  sessionId: SESSION_ID,
  meetingDate: MEETING_DATE,
  approve: 6,
  reject: 1,
  abstain: 1,
  base: 8,
  baseKind: 'all_members',
  needed: 6,
  ratio: 0.7,
  comparison: 'gte',
  ballot: 'secret',
  ruleSets: ITEM_COUNT.ruleSets,
  minutesSha256: MINUTES.sha256,
};
/** What COUNCIL_DOES_NOT_RECOMMEND carries: one approval short of the threshold. */
export const NO_RECOMMENDATION = { ...RECOMMENDATION, approve: 5, reject: 2 };
