import {
  CHAIR,
  COUNCIL_AGENDA,
  COUNCIL_ROSTER,
  COUNCIL_RULES,
  DAY_AFTER_NOTICE,
  DAY_IN_NOTICE,
  ELIGIBLE,
  DEFERRED_CASE_ID,
  INELIGIBLE,
  ITEM_DEFERRED,
  LAST_NOTICE_DAY,
  MINUTES,
  NEEDS_REVIEW,
  NOTICE_NOT_REQUIRED,
  NOTICE_REQUIRED,
  NOMINEE_MEMBER,
  OFF_AGENDA_CASE_ID,
  ON_HOLD,
  OUTSIDER,
  PARTICIPATION,
  personId,
  PRESENT_AT_QUORUM,
  PRESENT_BELOW_QUORUM,
  ROSTER_WITHOUT_RULES,
  SECRETARY,
  SIGNED,
  VALID_DECISION,
  VOTERS,
} from './fact-fixtures';
import {
  withContext,
  withFacts,
  withoutContext,
  withoutFact,
  withoutPayload,
  withPayload,
  type GuardCatalogue,
} from './machine-harness';

/*
 * How each named guard of the shipped implementations (named-implementations.ts and
 * commendation-steps.ts) refuses, and what it still lets through, written out by hand. A table
 * names the catalogue its version's guards are checked with: this one serves versions 1 and 2,
 * whose payloads nothing but the guards checks. A version whose payload schema refuses some of these
 * inputs first spreads this catalogue and overrides the guards concerned.
 */

export const GUARDS = {
  hasReason: {
    refusal: { vi: 'Cần nêu lý do', en: 'A reason is required' },
    breaking: [
      { what: 'no reason', change: withoutPayload('reason') },
      { what: 'a 4-character reason', change: withPayload({ reason: 'abcd' }) },
      { what: 'a padded 4-character reason', change: withPayload({ reason: '   abcd    ' }) },
      { what: 'a reason that is not text', change: withPayload({ reason: 12345678 }) },
      { what: 'a 4001-character reason', change: withPayload({ reason: 'x'.repeat(4001) }) },
    ],
    passing: [
      { what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) },
      { what: 'a 5-character reason inside padding', change: withPayload({ reason: '  abcde  ' }) },
      { what: 'a 4000-character reason', change: withPayload({ reason: 'x'.repeat(4000) }) },
    ],
  },
  hasDecision: {
    refusal: { vi: 'Cần số quyết định', en: 'A decision number, signing date' },
    breaking: [
      { what: 'no decision', change: withoutPayload('decision') },
      { what: 'a null decision', change: withPayload({ decision: null }) },
      { what: 'a decision that is text', change: withPayload({ decision: '123/QĐ-UBND' }) },
      {
        what: 'a decision without number',
        change: withPayload({ decision: { date: '2026-01-15', signer: 'Trần Xuân Lâm' } }),
      },
      {
        what: 'an empty number',
        change: withPayload({ decision: { ...VALID_DECISION, number: '' } }),
      },
      {
        what: 'a numeric number',
        change: withPayload({ decision: { ...VALID_DECISION, number: 123 } }),
      },
      {
        what: 'an impossible date (2026-02-30)',
        change: withPayload({ decision: { ...VALID_DECISION, date: '2026-02-30' } }),
      },
      {
        what: '2025-02-29, not a leap year',
        change: withPayload({ decision: { ...VALID_DECISION, date: '2025-02-29' } }),
      },
      {
        what: 'month 13',
        change: withPayload({ decision: { ...VALID_DECISION, date: '2026-13-01' } }),
      },
      {
        what: 'a non-ISO date',
        change: withPayload({ decision: { ...VALID_DECISION, date: '15/01/2026' } }),
      },
      {
        what: 'a date with a time',
        change: withPayload({ decision: { ...VALID_DECISION, date: '2026-01-15T00:00:00Z' } }),
      },
      {
        what: 'an empty signer',
        change: withPayload({ decision: { ...VALID_DECISION, signer: '' } }),
      },
      {
        what: 'a blank signer',
        change: withPayload({ decision: { ...VALID_DECISION, signer: '   ' } }),
      },
      {
        what: 'a signer longer than 200 characters',
        change: withPayload({ decision: { ...VALID_DECISION, signer: 'S'.repeat(201) } }),
      },
    ],
    passing: [
      {
        what: 'a leap-day date',
        change: withPayload({ decision: { ...VALID_DECISION, date: '2024-02-29' } }),
      },
      {
        what: 'a 200-character signer',
        change: withPayload({ decision: { ...VALID_DECISION, signer: 'S'.repeat(200) } }),
      },
    ],
  },
  eligibilityAllowsSubmission: {
    refusal: { vi: 'không đủ điều kiện; xem từng dòng', en: 'The nominee is not eligible' },
    breaking: [
      { what: 'an ineligible nominee', change: withFacts({ eligibility: INELIGIBLE }) },
      { what: 'no eligibility fact', change: withoutFact('eligibility') },
      {
        what: 'an outcome that does not exist',
        change: withFacts({ eligibility: { ...ELIGIBLE, outcome: 'maybe' } }),
      },
      { what: 'the outcome as bare text', change: withFacts({ eligibility: 'eligible' }) },
      {
        what: 'eligibility in the payload only',
        change: (i) => withPayload({ eligibility: ELIGIBLE })(withoutFact('eligibility')(i)),
      },
    ],
    passing: [
      { what: 'an eligible nominee', change: withFacts({ eligibility: ELIGIBLE }) },
      { what: 'a nominee needing review', change: withFacts({ eligibility: NEEDS_REVIEW }) },
      { what: 'a nominee on hold', change: withFacts({ eligibility: ON_HOLD }) },
    ],
  },
  eligibilityAllowsProgress: {
    refusal: { vi: 'đang bị tạm dừng xét', en: 'on hold or not eligible' },
    breaking: [
      { what: 'a nominee on hold', change: withFacts({ eligibility: ON_HOLD }) },
      { what: 'an ineligible nominee', change: withFacts({ eligibility: INELIGIBLE }) },
      { what: 'no eligibility fact', change: withoutFact('eligibility') },
    ],
    passing: [
      { what: 'an eligible nominee', change: withFacts({ eligibility: ELIGIBLE }) },
      { what: 'a nominee needing review', change: withFacts({ eligibility: NEEDS_REVIEW }) },
    ],
  },
  publicNoticeRequired: {
    refusal: {
      vi: 'không phải công khai lấy ý kiến; công bố quyết định trực tiếp',
      en: 'needs no public notice',
    },
    breaking: [
      {
        what: 'an award needing no notice',
        change: withFacts({ publicNotice: NOTICE_NOT_REQUIRED }),
      },
      { what: 'no publicNotice fact', change: withoutFact('publicNotice') },
      {
        what: '"required" as text',
        change: withFacts({ publicNotice: { ...NOTICE_REQUIRED, required: 'true' } }),
      },
    ],
  },
  publicNoticeNotRequired: {
    refusal: {
      vi: 'phải công khai lấy ý kiến trước khi công bố',
      en: 'requires a public notice before the decision is announced',
    },
    breaking: [
      { what: 'an award needing a notice', change: withFacts({ publicNotice: NOTICE_REQUIRED }) },
      { what: 'no publicNotice fact', change: withoutFact('publicNotice') },
    ],
  },
  publicNoticeOpen: {
    refusal: {
      vi: 'Thời hạn công khai lấy ý kiến đã kết thúc',
      en: 'The public notice period is over',
    },
    breaking: [
      { what: 'today the day after the notice', change: withFacts({ today: DAY_AFTER_NOTICE }) },
      { what: 'no today fact', change: withoutFact('today') },
      { what: 'today not an ISO date', change: withFacts({ today: '14/04/2026' }) },
      { what: 'no notice in the context', change: withoutContext('publicNotice') },
      {
        what: 'a notice without closing day',
        change: withContext({ publicNotice: { ...NOTICE_REQUIRED, closesOn: null } }),
      },
    ],
    passing: [
      { what: 'today the last day of the notice', change: withFacts({ today: LAST_NOTICE_DAY }) },
      { what: 'today the first day of the notice', change: withFacts({ today: '2026-04-01' }) },
    ],
  },
  publicNoticeEnded: {
    refusal: {
      vi: 'Chưa hết thời hạn công khai',
      en: 'The public notice period is not over yet',
    },
    breaking: [
      { what: 'today the last day of the notice', change: withFacts({ today: LAST_NOTICE_DAY }) },
      { what: 'today within the notice', change: withFacts({ today: DAY_IN_NOTICE }) },
      { what: 'no today fact', change: withoutFact('today') },
      { what: 'no notice in the context', change: withoutContext('publicNotice') },
      {
        what: 'today given in the payload only',
        change: (i) => withPayload({ today: DAY_AFTER_NOTICE })(withoutFact('today')(i)),
      },
    ],
    passing: [
      { what: 'today the day after the notice', change: withFacts({ today: DAY_AFTER_NOTICE }) },
      { what: 'today a year later', change: withFacts({ today: '2027-04-14' }) },
    ],
  },
  hasSignedDecision: {
    refusal: {
      vi: 'Cần ngày ký (YYYY-MM-DD) và người ký quyết định',
      en: 'signing date (YYYY-MM-DD) and signer of the decision are required',
    },
    breaking: [
      { what: 'no decision', change: withoutPayload('decision') },
      { what: 'a null decision', change: withPayload({ decision: null }) },
      {
        what: 'an impossible date',
        change: withPayload({ decision: { ...SIGNED, date: '2026-02-30' } }),
      },
      {
        what: 'a non-ISO date',
        change: withPayload({ decision: { ...SIGNED, date: '20/04/2026' } }),
      },
      { what: 'a blank signer', change: withPayload({ decision: { ...SIGNED, signer: '   ' } }) },
      {
        what: 'a signer longer than 200 characters',
        change: withPayload({ decision: { ...SIGNED, signer: 'S'.repeat(201) } }),
      },
      { what: 'no decisionNumber fact', change: withoutFact('decisionNumber') },
      {
        what: 'a number typed in the payload instead of the fact',
        change: (i) =>
          withPayload({ decision: { ...SIGNED, number: '15/QĐ-UBND' } })(
            withoutFact('decisionNumber')(i),
          ),
      },
    ],
    passing: [
      {
        what: 'a leap-day date',
        change: withPayload({ decision: { ...SIGNED, date: '2028-02-29' } }),
      },
      {
        what: 'a 200-character signer',
        change: withPayload({ decision: { ...SIGNED, signer: 'S'.repeat(200) } }),
      },
    ],
  },
  hasRevocationGround: {
    refusal: {
      vi: 'Cần căn cứ thu hồi theo Điều 93 khoản 2',
      en: 'A revocation ground of Law 06/2022 Art 93(2) is required',
    },
    breaking: [
      { what: 'no ground', change: withoutPayload('ground') },
      { what: 'a ground outside Art 93(2)', change: withPayload({ ground: 'no_longer_liked' }) },
      { what: 'an inherited property name', change: withPayload({ ground: 'toString' }) },
      { what: 'a ground in capitals', change: withPayload({ ground: 'FALSE_DOSSIER' }) },
      { what: 'a ground that is not text', change: withPayload({ ground: ['false_dossier'] }) },
    ],
    passing: [
      {
        what: 'ground fraudulent_achievements',
        change: withPayload({ ground: 'fraudulent_achievements' }),
      },
      { what: 'ground false_dossier', change: withPayload({ ground: 'false_dossier' }) },
      { what: 'ground unlawful_procedure', change: withPayload({ ground: 'unlawful_procedure' }) },
      {
        what: 'ground violation_in_period',
        change: withPayload({ ground: 'violation_in_period' }),
      },
    ],
  },
  hasStoredDocument: {
    refusal: {
      vi: 'chỉ được thêm bằng chức năng tải tài liệu lên',
      en: 'Dossier documents are added only by uploading them',
    },
    breaking: [
      { what: 'no document fact', change: withoutFact('document') },
      {
        what: 'a document in the payload only',
        change: (i) => withPayload({ document: i.facts.document })(withoutFact('document')(i)),
      },
    ],
  },
  hasObjection: {
    refusal: {
      vi: 'Cần nội dung ý kiến (payload.objection, từ 10 đến 4000 ký tự)',
      en: 'The objection text is required (payload.objection, 10 to 4000 characters)',
    },
    breaking: [
      { what: 'no objection', change: withoutPayload('objection') },
      { what: 'a 9-character objection', change: withPayload({ objection: '123456789' }) },
      {
        what: 'a 9-character objection inside padding',
        change: withPayload({ objection: '   123456789   ' }),
      },
      {
        what: 'a 4001-character objection',
        change: withPayload({ objection: 'x'.repeat(4001) }),
      },
      { what: 'an objection that is not text', change: withPayload({ objection: 1234567890123 }) },
    ],
    passing: [
      { what: 'a 10-character objection', change: withPayload({ objection: '1234567890' }) },
      {
        what: 'a 10-character objection inside padding',
        change: withPayload({ objection: '  1234567890  ' }),
      },
      {
        what: 'a 4000-character objection',
        change: withPayload({ objection: 'x'.repeat(4000) }),
      },
    ],
  },
  hasDisciplineOutcome: {
    refusal: {
      vi: 'Cần hình thức kỷ luật theo bộ quy tắc',
      en: 'A discipline form of the rule set is required',
    },
    breaking: [
      { what: 'no discipline', change: withoutPayload('discipline') },
      { what: 'an empty discipline', change: withPayload({ discipline: {} }) },
      {
        what: 'a discipline without form',
        change: withPayload({ discipline: { subjectType: 'party_member' } }),
      },
      {
        what: 'a form that is not a code',
        change: withPayload({ discipline: { subjectType: 'party_member', form: 'Khiển trách' } }),
      },
      { what: 'the form as bare text', change: withPayload({ discipline: 'khien_trach' }) },
      {
        what: 'a subject type the rule set lacks',
        change: withPayload({ discipline: { subjectType: 'robot', form: 'khien_trach' } }),
      },
      {
        what: 'a form the rule set lacks for the subject',
        change: withPayload({ discipline: { subjectType: 'party_member', form: 'made_up_form' } }),
      },
      { what: 'no disciplineForms fact', change: withoutFact('disciplineForms') },
    ],
    passing: [
      { what: 'no discipline (null)', change: withPayload({ discipline: null }) },
      {
        what: 'a civil-servant reprimand',
        change: withPayload({ discipline: { subjectType: 'civil_servant', form: 'canh_cao' } }),
      },
    ],
  },
} satisfies GuardCatalogue;

export type GuardName = keyof typeof GUARDS;

/*
 * The guards of a council session (council-steps.ts), for workflows/council-session.v*.json. Each
 * breaking input is the row's valid one with one thing changed: the roster, the attendance
 * recorded, the agenda, who has voted, or a fact the close supplies.
 */
/** Without council rules or a voting member there is no quorum to meet either. */
const NO_QUORUM_WITHOUT_RULES = ['quorumPresent'];

export const COUNCIL_GUARDS = {
  councilHasRules: {
    refusal: {
      vi: 'không có quy định họp hội đồng (số thành viên tối thiểu)',
      en: 'has no council rules (quorum)',
    },
    breaking: [
      {
        what: 'a rule set without council rules',
        change: withFacts({ councilRoster: ROSTER_WITHOUT_RULES }),
        alsoRefusedBy: NO_QUORUM_WITHOUT_RULES,
      },
      {
        what: 'a council whose only member that day is the secretary',
        change: withFacts({
          councilRoster: {
            ...COUNCIL_ROSTER,
            members: COUNCIL_ROSTER.members.filter((m) => !m.votes),
          },
        }),
        alsoRefusedBy: NO_QUORUM_WITHOUT_RULES,
      },
      {
        what: 'no roster fact',
        change: withoutFact('councilRoster'),
        alsoRefusedBy: NO_QUORUM_WITHOUT_RULES,
      },
    ],
    passing: [
      {
        what: 'a council of one voting member, the chair',
        change: withFacts({
          councilRoster: {
            ...COUNCIL_ROSTER,
            members: COUNCIL_ROSTER.members.filter((m) => m.personId === CHAIR),
          },
        }),
      },
      {
        what: 'rules that refuse written votes',
        change: withFacts({
          councilRoster: { ...COUNCIL_ROSTER, rules: { ...COUNCIL_RULES, writtenVotes: false } },
        }),
      },
    ],
  },
  attendanceOnRoster: {
    refusal: {
      vi: 'có người không phải thành viên hội đồng vào ngày họp',
      en: 'is not a council member on the meeting date',
    },
    breaking: [
      {
        what: 'someone not on the roster among those present',
        change: withPayload({ present: [...PRESENT_AT_QUORUM, OUTSIDER] }),
      },
      { what: 'only someone not on the roster', change: withPayload({ present: [OUTSIDER] }) },
      { what: 'no roster fact', change: withoutFact('councilRoster') },
    ],
    passing: [
      { what: 'nobody present', change: withPayload({ present: [] }) },
      {
        what: 'only the secretary, who does not vote',
        change: withPayload({ present: [SECRETARY] }),
      },
      { what: 'every member', change: withPayload({ present: [...VOTERS, SECRETARY] }) },
    ],
  },
  agendaDrawn: {
    refusal: { vi: 'Chưa lập chương trình họp', en: 'No agenda yet' },
    breaking: [
      { what: 'no agenda in the context', change: withoutContext('agenda') },
      { what: 'an agenda that is not a list', change: withContext({ agenda: COUNCIL_AGENDA }) },
    ],
    passing: [
      {
        what: 'an empty agenda (nothing awaited the council)',
        change: withContext({ agenda: [] }),
      },
      {
        what: 'an agenda of deferred items only',
        change: withContext({ agenda: [ITEM_DEFERRED] }),
      },
    ],
  },
  quorumPresent: {
    refusal: {
      vi: 'Chưa đủ số thành viên hội đồng có mặt',
      en: 'Not enough council members are present for the quorum',
    },
    breaking: [
      {
        what: '5 of 9 voting members present (2/3 needs 6)',
        change: withContext({ attendance: { present: VOTERS.slice(0, 5) } }),
      },
      {
        what: '5 voting members and the secretary present (the secretary does not count)',
        change: withContext({ attendance: { present: PRESENT_BELOW_QUORUM } }),
      },
      {
        what: '5 voting members and someone not on the roster',
        change: withContext({ attendance: { present: [...VOTERS.slice(0, 5), OUTSIDER] } }),
      },
      { what: 'no attendance recorded', change: withoutContext('attendance') },
      {
        what: 'the quorum raised to more than 2/3 (gt), 6 of 9 present',
        change: withFacts({
          councilRoster: {
            ...COUNCIL_ROSTER,
            rules: { ...COUNCIL_RULES, quorum: { numerator: 2, denominator: 3, comparison: 'gt' } },
          },
        }),
      },
    ],
    passing: [
      {
        what: 'exactly 6 of 9 present',
        change: withContext({ attendance: { present: PRESENT_AT_QUORUM } }),
      },
      {
        what: 'every voting member present',
        change: withContext({ attendance: { present: VOTERS } }),
      },
      {
        what: '6 voters listed twice',
        change: withContext({
          attendance: { present: [...PRESENT_AT_QUORUM, ...PRESENT_AT_QUORUM] },
        }),
      },
    ],
  },
  recusalAllowed: {
    refusal: { vi: 'Không thể ghi nhận', en: 'Cannot record it' },
    breaking: [
      { what: 'someone not on the council', change: withPayload({ personId: OUTSIDER }) },
      { what: 'the secretary, who does not vote', change: withPayload({ personId: SECRETARY }) },
      { what: 'an item not on the agenda', change: withPayload({ caseId: OFF_AGENDA_CASE_ID }) },
      { what: 'a deferred item', change: withPayload({ caseId: DEFERRED_CASE_ID }) },
      {
        what: 'the nominee, already recused automatically',
        change: withPayload({ personId: NOMINEE_MEMBER }),
      },
      {
        // The ballot box's word, not the row's: before the opening nobody has voted.
        what: 'a member who has already voted on the item',
        change: (i) =>
          withFacts({ councilParticipation: PARTICIPATION })(withPayload({ personId: CHAIR })(i)),
      },
      { what: 'no roster fact', change: withoutFact('councilRoster') },
      { what: 'no agenda in the context', change: withoutContext('agenda') },
    ],
    passing: [
      {
        what: 'a member who voted on another item only',
        change: withFacts({
          councilParticipation: {
            ballots: [{ itemCaseId: OFF_AGENDA_CASE_ID, personId: personId(3) }],
          },
        }),
      },
      {
        what: 'no participation fact (no ballot yet)',
        change: withoutFact('councilParticipation'),
      },
      {
        what: 'the chair, on an item nobody has voted on',
        change: (i) =>
          withFacts({ councilParticipation: { ballots: [] } })(withPayload({ personId: CHAIR })(i)),
      },
    ],
  },
  ballotsCounted: {
    refusal: { vi: 'Chưa kiểm phiếu', en: 'The ballots have not been counted' },
    breaking: [
      { what: 'no tally fact', change: withoutFact('councilTally') },
      { what: 'a tally fact without its items', change: withFacts({ councilTally: {} }) },
      {
        what: 'a tally fact whose items are no list',
        change: withFacts({ councilTally: { items: null } }),
      },
    ],
    passing: [
      {
        what: 'a count of no items (nothing was voted)',
        change: withFacts({ councilTally: { items: [] } }),
      },
    ],
  },
  hasMinutes: {
    refusal: {
      vi: 'Biên bản họp chỉ được lập bằng chức năng kết thúc phiên họp',
      en: 'The minutes are produced only by closing the session',
    },
    breaking: [
      { what: 'no minutes fact', change: withoutFact('minutes') },
      {
        what: 'minutes without their hash',
        change: withFacts({ minutes: { ...MINUTES, sha256: undefined } }),
      },
      {
        what: 'minutes whose hash is no text',
        change: withFacts({ minutes: { ...MINUTES, sha256: 42 } }),
      },
    ],
  },
} satisfies GuardCatalogue;

export type CouncilGuardName = keyof typeof COUNCIL_GUARDS;
