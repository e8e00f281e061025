import type { Localized } from '../localized';
import type { CaseContext, CaseEvent } from './case-event';
import type { KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';
import { isIsoDate } from '../calendar/iso-date';
import { decisionDetailsOf, reasonOf } from './payload-readers';
import { eligibilityOnTheCase } from '../rules/eligibility-on-the-case';

/**
 * Guards and actions of the commendation (nomination) and violation workflows that read the facts
 * the application established (eligibility, notice period, decision number, stored document).
 */

/** Law 06/2022 Art 93(2): the only grounds on which an award is revoked. */
export const REVOCATION_GROUNDS: Readonly<Record<string, Localized>> = {
  fraudulent_achievements: {
    vi: 'Gian dối trong việc kê khai thành tích (Điều 93 khoản 2 điểm a)',
    en: 'Achievements were fraudulently declared (Art 93(2)(a))',
  },
  false_dossier: {
    vi: 'Thông tin không đúng sự thật hoặc làm giả hồ sơ (Điều 93 khoản 2 điểm b)',
    en: 'False information or a forged dossier (Art 93(2)(b))',
  },
  unlawful_procedure: {
    vi: 'Thẩm định, xét duyệt, đề nghị khen thưởng trái pháp luật (Điều 93 khoản 2 điểm c)',
    en: 'The appraisal, review or proposal breached the law (Art 93(2)(c))',
  },
  violation_in_period: {
    vi: 'Kết luận, quyết định, bản án cho thấy vi phạm trong thời gian được đề nghị khen thưởng (Điều 93 khoản 2 điểm d)',
    en: 'A conclusion, decision or judgment shows violations in the period evaluated (Art 93(2)(d))',
  },
};

const OBJECTION_MIN = 10;
const OBJECTION_MAX = 4000;

function factsOf(event: CaseEvent): KnownEventFacts {
  return event.facts as KnownEventFacts;
}

function objectionOf(event: CaseEvent): string | undefined {
  const text = event.payload.objection;
  return typeof text === 'string' ? text.trim() : undefined;
}

function groundOf(event: CaseEvent): string | undefined {
  const ground = event.payload.ground;
  return typeof ground === 'string' && Object.hasOwn(REVOCATION_GROUNDS, ground)
    ? ground
    : undefined;
}

/** The discipline decided on a violation: a form of the rule set, or none (`null`). */
function disciplineOf(event: CaseEvent): { subjectType: string; form: string } | null | undefined {
  const discipline = event.payload.discipline;
  if (discipline === null) return null;
  if (typeof discipline !== 'object' || discipline === undefined) return undefined;
  const { subjectType, form } = discipline as Record<string, unknown>;
  const code = /^[a-z][a-z0-9_]{0,62}$/;
  if (typeof subjectType !== 'string' || !code.test(subjectType)) return undefined;
  if (typeof form !== 'string' || !code.test(form)) return undefined;
  return { subjectType, form };
}

/** A legal date the engine has settled into the payload (the official's, or today). */
function legalDateOf(event: CaseEvent, field: string): string | null {
  const value = event.payload[field];
  return isIsoDate(value) ? value : null;
}

function noticeOf(context: CaseContext): { opensOn?: unknown; closesOn?: unknown } {
  const notice = context.publicNotice;
  return typeof notice === 'object' && notice !== null
    ? (notice as { opensOn?: unknown; closesOn?: unknown })
    : {};
}

const outcomeIs =
  (...allowed: string[]) =>
  ({ event }: { event: CaseEvent }) => {
    const outcome = factsOf(event).eligibility?.outcome;
    return outcome !== undefined && allowed.includes(outcome);
  };

export const COMMENDATION_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  eligibilityAllowsSubmission: {
    description: {
      vi: 'Kết quả kiểm tra điều kiện không phải "không đủ điều kiện"',
      en: 'The eligibility check does not find the nominee ineligible',
    },
    refusal: {
      vi: 'Người (tập thể) được đề nghị không đủ điều kiện; xem từng dòng kiểm tra.',
      en: 'The nominee is not eligible; see the eligibility lines.',
    },
    check: outcomeIs('eligible', 'needs_review', 'on_hold'),
  },
  eligibilityAllowsProgress: {
    description: {
      vi: 'Đủ điều kiện (hoặc cần xem xét thêm), không bị tạm dừng xét khen thưởng',
      en: 'Eligible (or for a person to review), and not on hold',
    },
    refusal: {
      vi: 'Hồ sơ đang bị tạm dừng xét hoặc không đủ điều kiện; xem từng dòng kiểm tra.',
      en: 'The nomination is on hold or not eligible; see the eligibility lines.',
    },
    check: outcomeIs('eligible', 'needs_review'),
  },
  publicNoticeRequired: {
    description: {
      vi: 'Hình thức khen thưởng phải công khai lấy ý kiến',
      en: 'The award requires a public notice',
    },
    refusal: {
      vi: 'Hình thức khen thưởng này không phải công khai lấy ý kiến; công bố quyết định trực tiếp.',
      en: 'This award needs no public notice; announce the decision directly.',
    },
    check: ({ event }) => {
      const notice = factsOf(event).publicNotice;
      return notice?.required === true && isIsoDate(notice.opensOn) && isIsoDate(notice.closesOn);
    },
  },
  publicNoticeNotRequired: {
    description: {
      vi: 'Hình thức khen thưởng không phải công khai lấy ý kiến',
      en: 'The award requires no public notice',
    },
    refusal: {
      vi: 'Hình thức khen thưởng này phải công khai lấy ý kiến trước khi công bố quyết định.',
      en: 'This award requires a public notice before the decision is announced.',
    },
    check: ({ event }) => factsOf(event).publicNotice?.required === false,
  },
  publicNoticeEnded: {
    description: {
      vi: 'Thời hạn công khai lấy ý kiến đã kết thúc',
      en: 'The public notice period is over',
    },
    refusal: {
      vi: 'Chưa hết thời hạn công khai lấy ý kiến.',
      en: 'The public notice period is not over yet.',
    },
    check: ({ context, event }) => {
      const { closesOn } = noticeOf(context);
      const today = factsOf(event).today;
      return isIsoDate(closesOn) && isIsoDate(today) && today > closesOn;
    },
  },
  publicNoticeOpen: {
    description: {
      vi: 'Đang trong thời hạn công khai lấy ý kiến',
      en: 'The public notice period is running',
    },
    refusal: {
      vi: 'Thời hạn công khai lấy ý kiến đã kết thúc.',
      en: 'The public notice period is over.',
    },
    check: ({ context, event }) => {
      const { opensOn, closesOn } = noticeOf(context);
      const today = factsOf(event).today;
      return (
        isIsoDate(opensOn) &&
        isIsoDate(closesOn) &&
        isIsoDate(today) &&
        opensOn <= today &&
        today <= closesOn
      );
    },
  },
  hasSignedDecision: {
    description: {
      vi: 'Có ngày ký và người ký quyết định (payload.decision { date, signer }); số quyết định do hệ thống cấp',
      en: 'The decision is signed (payload.decision { date, signer }); the system allocates its number',
    },
    refusal: {
      vi: 'Cần ngày ký (YYYY-MM-DD) và người ký quyết định (payload.decision).',
      en: 'The signing date (YYYY-MM-DD) and signer of the decision are required (payload.decision).',
    },
    check: ({ event }) =>
      decisionDetailsOf(event) !== undefined && factsOf(event).decisionNumber !== undefined,
  },
  hasRevocationGround: {
    description: {
      vi: `Nêu căn cứ thu hồi theo Điều 93 khoản 2 (payload.ground: ${Object.keys(REVOCATION_GROUNDS).join(', ')})`,
      en: `An Art 93(2) ground is given (payload.ground: ${Object.keys(REVOCATION_GROUNDS).join(', ')})`,
    },
    refusal: {
      vi: `Cần căn cứ thu hồi theo Điều 93 khoản 2 Luật Thi đua, khen thưởng (payload.ground: ${Object.keys(REVOCATION_GROUNDS).join(', ')}).`,
      en: `A revocation ground of Law 06/2022 Art 93(2) is required (payload.ground: ${Object.keys(REVOCATION_GROUNDS).join(', ')}).`,
    },
    check: ({ event }) => groundOf(event) !== undefined,
  },
  hasStoredDocument: {
    description: {
      vi: 'Tài liệu đã được tải lên và lưu (chỉ qua chức năng tải tài liệu)',
      en: 'The document has been uploaded and stored (only through the document upload)',
    },
    refusal: {
      vi: 'Tài liệu hồ sơ chỉ được thêm bằng chức năng tải tài liệu lên.',
      en: 'Dossier documents are added only by uploading them.',
    },
    check: ({ event }) => factsOf(event).document !== undefined,
  },
  hasObjection: {
    description: {
      vi: `Nội dung ý kiến phản ánh (${OBJECTION_MIN}–${OBJECTION_MAX} ký tự) trong payload.objection`,
      en: `The objection (${OBJECTION_MIN}–${OBJECTION_MAX} characters) in payload.objection`,
    },
    refusal: {
      vi: `Cần nội dung ý kiến (payload.objection, từ ${OBJECTION_MIN} đến ${OBJECTION_MAX} ký tự).`,
      en: `The objection text is required (payload.objection, ${OBJECTION_MIN} to ${OBJECTION_MAX} characters).`,
    },
    check: ({ event }) => {
      const text = objectionOf(event);
      return text !== undefined && text.length >= OBJECTION_MIN && text.length <= OBJECTION_MAX;
    },
  },
  hasDisciplineOutcome: {
    description: {
      vi: 'Nêu hình thức kỷ luật có trong bộ quy tắc (payload.discipline { subjectType, form }) hoặc null nếu không kỷ luật',
      en: 'The discipline decided, from the rule set (payload.discipline { subjectType, form }), or null for none',
    },
    refusal: {
      vi: 'Cần hình thức kỷ luật theo bộ quy tắc (payload.discipline { subjectType, form }, xem GET /api/v1/rulesets), hoặc null nếu không kỷ luật.',
      en: 'A discipline form of the rule set is required (payload.discipline { subjectType, form }, see GET /api/v1/rulesets), or null for none.',
    },
    check: ({ event }) => {
      const discipline = disciplineOf(event);
      if (discipline === null) return true;
      const known = factsOf(event).disciplineForms;
      return (
        discipline !== undefined &&
        known !== undefined &&
        Object.hasOwn(known, discipline.subjectType) &&
        known[discipline.subjectType].includes(discipline.form)
      );
    },
  },
};

export const COMMENDATION_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordEligibility: {
    description: {
      vi: 'Lưu kết quả kiểm tra điều kiện khen thưởng (từng dòng, có căn cứ)',
      en: 'Records the eligibility result, line by line with sources',
    },
    assign: ({ event }) => ({ eligibility: factsOf(event).eligibility ?? null }),
  },
  recordEligibilityOutcome: {
    description: {
      vi: 'Lưu kết luận kiểm tra điều kiện khen thưởng và các dòng chưa đạt (báo cáo đầy đủ, từng dòng có căn cứ, nằm trong bản ghi kiểm toán của sự kiện)',
      en: "Records the eligibility outcome and the lines that did not pass (the full report, line by line with sources, stays in the event's audit record)",
    },
    assign: ({ event }) => {
      const eligibility = factsOf(event).eligibility;
      return { eligibility: eligibility == null ? null : eligibilityOnTheCase(eligibility) };
    },
  },
  recordDocument: {
    description: {
      vi: 'Thêm tài liệu vào hồ sơ (thay tài liệu cùng loại đã có)',
      en: 'Adds the document to the dossier (replacing one of the same kind)',
    },
    assign: ({ context, event }) => {
      const document = factsOf(event).document;
      const existing = Array.isArray(context.documents)
        ? (context.documents as { code?: unknown }[])
        : [];
      if (document === undefined) return { documents: existing };
      return {
        documents: [...existing.filter((d) => d.code !== document.code), document],
      };
    },
  },
  recordPublicNotice: {
    description: {
      vi: 'Lưu thời hạn công khai lấy ý kiến (theo ngày làm việc)',
      en: 'Records the public notice period (in working days)',
    },
    assign: ({ event }) => ({ publicNotice: factsOf(event).publicNotice ?? null }),
  },
  recordObjection: {
    description: {
      vi: 'Lưu ý kiến phản ánh trong thời gian công khai',
      en: 'Records an objection filed during the public notice',
    },
    assign: ({ context, event }) => {
      const existing = Array.isArray(context.objections) ? context.objections : [];
      return {
        objections: [
          ...existing,
          { filedOn: factsOf(event).today ?? null, text: objectionOf(event) ?? '' },
        ],
      };
    },
  },
  recordAwardDecision: {
    description: {
      vi: 'Lưu quyết định khen thưởng: số do hệ thống cấp, ngày ký, người ký, bộ quy tắc đã áp dụng',
      en: 'Records the award decision: allocated number, date, signer and the rule set applied',
    },
    assign: ({ context, event }) => {
      const facts = factsOf(event);
      const details = decisionDetailsOf(event);
      const eligibility = context.eligibility as { ruleSet?: unknown } | null | undefined;
      const { authority, signedBy } = facts.decisionNumber ?? {};
      return {
        decision: {
          number: facts.decisionNumber?.number ?? null,
          issuingUnit: facts.decisionNumber?.issuingUnit ?? null,
          date: details?.date ?? null,
          signer: details?.signer ?? null,
          ruleSet: eligibility?.ruleSet ?? null,
          // Issue 17: present only where the issuing unit records its authority (older records
          // replay to exactly what they recorded).
          ...(authority === undefined ? {} : { authority }),
          ...(signedBy === undefined ? {} : { signedBy }),
        },
      };
    },
  },
  recordRevocationDecision: {
    description: {
      vi: 'Lưu quyết định thu hồi (số do hệ thống cấp), căn cứ Điều 93 và lý do',
      en: 'Records the revocation decision (allocated number), its Art 93 ground and reason',
    },
    assign: ({ event }) => {
      const facts = factsOf(event);
      const details = decisionDetailsOf(event);
      const { authority, signedBy } = facts.decisionNumber ?? {};
      return {
        revocation: {
          number: facts.decisionNumber?.number ?? null,
          issuingUnit: facts.decisionNumber?.issuingUnit ?? null,
          date: details?.date ?? null,
          signer: details?.signer ?? null,
          ground: groundOf(event) ?? null,
          reason: reasonOf(event) ?? '',
          // Issue 17, as for the award decision: only where the unit records its authority.
          ...(authority === undefined ? {} : { authority }),
          ...(signedBy === undefined ? {} : { signedBy }),
        },
      };
    },
  },
  recordConfirmation: {
    description: {
      vi: 'Lưu ngày kết luận có vi phạm',
      en: 'Records the day the violation was confirmed',
    },
    assign: ({ event }) => ({ confirmedOn: factsOf(event).today ?? null }),
  },
  recordAnnouncement: {
    description: {
      vi: 'Lưu ngày công bố quyết định (thời hạn kỷ luật đảng tính từ ngày này)',
      en: 'Records the day the decision was announced (a Party discipline runs from it)',
    },
    assign: ({ event }) => ({ announcedOn: factsOf(event).today ?? null }),
  },
  recordConfirmationDate: {
    description: {
      vi: 'Lưu ngày kết luận có vi phạm do cán bộ ghi (payload.confirmedOn)',
      en: 'Records the day the violation was concluded, as the official entered it (payload.confirmedOn)',
    },
    assign: ({ event }) => ({ confirmedOn: legalDateOf(event, 'confirmedOn') }),
  },
  recordAnnouncementDate: {
    description: {
      vi: 'Lưu ngày công bố quyết định do cán bộ ghi (payload.announcedOn); thời hạn kỷ luật đảng tính từ ngày này',
      en: 'Records the day the decision was announced, as the official entered it (payload.announcedOn); a Party discipline runs from it',
    },
    assign: ({ event }) => ({ announcedOn: legalDateOf(event, 'announcedOn') }),
  },
  recordDiscipline: {
    description: {
      vi: 'Lưu hình thức kỷ luật đã quyết định (hoặc không kỷ luật)',
      en: 'Records the discipline decided (or none)',
    },
    assign: ({ event }) => ({ discipline: disciplineOf(event) ?? null }),
  },
};
