import { checkQuorum } from '../council/collegial-vote';
import type { CaseContext, CaseEvent } from './case-event';
import type { AgendaItemFact, CouncilTallyFact, KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';
import { reasonOf } from './payload-readers';

/**
 * Guards and actions of a council session (workflows/council-session.v*.json) and of a
 * nomination's recommendation from it. They read what the council plug-in established (the roster
 * on the meeting date with the rule set's quorum, the agenda, the count) and what earlier events
 * recorded; ballots themselves are never events.
 */

function factsOf(event: CaseEvent): KnownEventFacts {
  return event.facts as KnownEventFacts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The person ids of payload.present, or undefined when it is not a list of ids. */
function presentOf(event: CaseEvent): string[] | undefined {
  const present = event.payload.present;
  if (!Array.isArray(present) || !present.every((id) => typeof id === 'string' && UUID.test(id))) {
    return undefined;
  }
  return [...new Set(present as string[])];
}

function agendaOf(context: CaseContext): AgendaItemFact[] {
  return Array.isArray(context.agenda) ? (context.agenda as AgendaItemFact[]) : [];
}

function attendanceOf(context: CaseContext): string[] {
  const attendance = context.attendance as { present?: unknown } | undefined;
  return Array.isArray(attendance?.present) ? (attendance.present as string[]) : [];
}

interface Recusal {
  caseId: string;
  personId: string;
  reason: string;
  automatic: boolean;
}

function recusalsOf(context: CaseContext): Recusal[] {
  return Array.isArray(context.recusals) ? (context.recusals as Recusal[]) : [];
}

/** The quorum as the roster of the event's facts and the attendance recorded so far make it. */
function quorumOf(context: CaseContext, event: CaseEvent) {
  const roster = factsOf(event).councilRoster;
  if (roster?.rules == null) return null;
  const voters = roster.members.filter((m) => m.votes).map((m) => m.personId);
  return { ...checkQuorum(voters, attendanceOf(context), roster.rules.quorum), roster };
}

export const COUNCIL_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  councilHasRules: {
    description: {
      vi: 'Bộ quy tắc áp dụng vào ngày họp có quy định họp hội đồng và hội đồng có thành viên biểu quyết',
      en: 'The rule set in force on the meeting date has council rules, and the council has voting members',
    },
    refusal: {
      vi: 'Bộ quy tắc áp dụng vào ngày họp không có quy định họp hội đồng (số thành viên tối thiểu), hoặc hội đồng chưa có thành viên biểu quyết vào ngày đó.',
      en: 'The rule set in force on the meeting date has no council rules (quorum), or the council has no voting member that day.',
    },
    check: ({ event }) => {
      const roster = factsOf(event).councilRoster;
      return roster?.rules != null && roster.members.some((m) => m.votes);
    },
  },
  attendanceOnRoster: {
    description: {
      vi: 'Danh sách có mặt (payload.present) chỉ gồm thành viên hội đồng vào ngày họp',
      en: 'Those present (payload.present) are all council members on the meeting date',
    },
    refusal: {
      vi: 'Danh sách có mặt có người không phải thành viên hội đồng vào ngày họp.',
      en: 'Someone listed as present is not a council member on the meeting date.',
    },
    check: ({ event }) => {
      const present = presentOf(event);
      const roster = factsOf(event).councilRoster;
      if (present === undefined || roster === undefined) return false;
      const members = new Set(roster.members.map((m) => m.personId));
      return present.every((id) => members.has(id));
    },
  },
  agendaDrawn: {
    description: {
      vi: 'Đã lập chương trình họp (danh sách hồ sơ trình hội đồng)',
      en: 'The agenda (the nominations before the council) has been drawn',
    },
    refusal: {
      vi: 'Chưa lập chương trình họp: lập danh sách hồ sơ trình hội đồng trước.',
      en: 'No agenda yet: draw the list of nominations before the council first.',
    },
    check: ({ context }) => Array.isArray(context.agenda),
  },
  quorumPresent: {
    description: {
      vi: 'Số thành viên biểu quyết có mặt đạt tỷ lệ tối thiểu theo bộ quy tắc áp dụng vào ngày họp',
      en: 'The voting members present reach the quorum of the rule set in force on the meeting date',
    },
    refusal: {
      vi: 'Chưa đủ số thành viên hội đồng có mặt theo quy định (xem số có mặt và số tối thiểu).',
      en: 'Not enough council members are present for the quorum (see present and required).',
    },
    check: ({ context, event }) => quorumOf(context, event)?.met === true,
  },
  recusalAllowed: {
    description: {
      vi: 'Người không tham gia biểu quyết (payload.personId) là thành viên hội đồng, hồ sơ (payload.caseId) có trong chương trình và chưa bỏ phiếu về hồ sơ này',
      en: 'The member (payload.personId) is on the council, the nomination (payload.caseId) is on the agenda, and they have not voted on it',
    },
    refusal: {
      vi: 'Không thể ghi nhận: người này không phải thành viên hội đồng, hồ sơ không có trong chương trình, đã không tham gia biểu quyết hồ sơ này, hoặc đã bỏ phiếu (phiếu đã bỏ không thể rút lại).',
      en: 'Cannot record it: not a council member, not on the agenda, already recused on it, or already voted (a ballot cast cannot be withdrawn).',
    },
    check: ({ context, event }) => {
      const { caseId, personId } = event.payload;
      const facts = factsOf(event);
      const roster = facts.councilRoster;
      if (typeof caseId !== 'string' || typeof personId !== 'string' || !roster) return false;
      const onAgenda = agendaOf(context).some(
        (item) => item.caseId === caseId && item.status === 'to_vote',
      );
      const member = roster.members.some((m) => m.personId === personId && m.votes);
      const already = recusalsOf(context).some(
        (r) => r.caseId === caseId && r.personId === personId,
      );
      const voted = (facts.councilParticipation?.ballots ?? []).some(
        (b) => b.itemCaseId === caseId && b.personId === personId,
      );
      return onAgenda && member && !already && !voted;
    },
  },
  ballotsCounted: {
    description: {
      vi: 'Phiếu đã được kiểm (kết quả từng hồ sơ)',
      en: 'The ballots have been counted (a result per item)',
    },
    refusal: {
      vi: 'Chưa kiểm phiếu.',
      en: 'The ballots have not been counted.',
    },
    check: ({ event }) => Array.isArray(factsOf(event).councilTally?.items),
  },
  hasMinutes: {
    description: {
      vi: 'Biên bản họp đã được lập từ kết quả kiểm phiếu (chỉ qua chức năng kết thúc phiên họp)',
      en: 'The minutes were produced from the count (only through closing the session)',
    },
    refusal: {
      vi: 'Biên bản họp chỉ được lập bằng chức năng kết thúc phiên họp.',
      en: 'The minutes are produced only by closing the session.',
    },
    check: ({ event }) => typeof factsOf(event).minutes?.sha256 === 'string',
  },
};

export const COUNCIL_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordRoster: {
    description: {
      vi: 'Lưu danh sách thành viên hội đồng vào ngày họp và quy định họp đang áp dụng',
      en: 'Records the council roster on the meeting date and the meeting rules in force',
    },
    assign: ({ event }) => ({ roster: factsOf(event).councilRoster ?? null }),
  },
  recordAttendance: {
    description: {
      vi: 'Lưu danh sách thành viên có mặt',
      en: 'Records who is present',
    },
    assign: ({ event }) => ({ attendance: { present: presentOf(event) ?? [] } }),
  },
  recordAgenda: {
    description: {
      vi: 'Lưu chương trình họp: hồ sơ được xét, hồ sơ hoãn xét và lý do, thành viên không tham gia biểu quyết',
      en: 'Records the agenda: items to vote, items deferred and why, members recused',
    },
    assign: ({ context, event }) => {
      const items = factsOf(event).councilAgenda?.items ?? [];
      const declared = recusalsOf(context).filter(
        (r) => !r.automatic && items.some((item) => item.caseId === r.caseId),
      );
      const automatic: Recusal[] = items.flatMap((item) =>
        item.recusals.map((r) => ({
          caseId: item.caseId,
          personId: r.personId,
          reason: r.reason,
          automatic: true,
        })),
      );
      return { agenda: items, recusals: [...automatic, ...declared] };
    },
  },
  recordQuorum: {
    description: {
      vi: 'Lưu kết quả kiểm tra số thành viên có mặt (có mặt, tối thiểu, quy định áp dụng)',
      en: 'Records the quorum check (present, required, the rule applied)',
    },
    assign: ({ context, event }) => {
      const quorum = quorumOf(context, event);
      if (quorum === null) return {};
      const { roster, ...check } = quorum;
      const key = event.type === 'OPEN' ? 'quorumAtOpening' : 'quorumAtClose';
      return { [key]: { ...check, rule: roster.rules } };
    },
  },
  recordRecusal: {
    description: {
      vi: 'Lưu thành viên không tham gia biểu quyết một hồ sơ và lý do',
      en: 'Records a member recused on an item, with the reason',
    },
    assign: ({ context, event }) => ({
      recusals: [
        ...recusalsOf(context),
        {
          caseId: String(event.payload.caseId),
          personId: String(event.payload.personId),
          reason: reasonOf(event) ?? '',
          automatic: false,
        },
      ],
    }),
  },
  recordTally: {
    description: {
      vi: 'Lưu kết quả kiểm phiếu từng hồ sơ (số phiếu, tổng số làm căn cứ, tỷ lệ, bộ quy tắc)',
      en: 'Records the count of every item (votes, base, threshold, rule sets)',
    },
    assign: ({ event }) => ({ tally: (factsOf(event).councilTally as CouncilTallyFact).items }),
  },
  recordMinutes: {
    description: {
      vi: 'Lưu mã băm SHA-256 của biên bản họp',
      en: "Records the minutes' SHA-256",
    },
    assign: ({ event }) => {
      const minutes = factsOf(event).minutes;
      return {
        minutes: minutes ? { documentId: minutes.sessionDocumentId, sha256: minutes.sha256 } : null,
      };
    },
  },
  recordRecommendation: {
    description: {
      vi: 'Lưu kiến nghị của Hội đồng Thi đua – Khen thưởng và kết quả biểu quyết',
      en: "Records the Emulation-Commendation Council's recommendation and its count",
    },
    assign: ({ event }) => ({
      recommendation: {
        recommended: event.type === 'COUNCIL_RECOMMENDS',
        ...event.payload,
      },
    }),
  },
};
