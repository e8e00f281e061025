import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CaseCommands } from '../cases/case-commands.service';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { DomainError } from '../domain/errors';
import { CouncilsService } from '../councils/councils.service';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import type { EligibilityResult } from '../domain/rules/eligibility-types';
import type { ReviewResolution } from '../domain/workflow/review-resolution-steps';
import { DossierDocumentsService } from '../nominations/dossier-documents.service';
import { PublicNoticesService } from '../nominations/public-notices.service';
import { resolveEveryReviewLine } from '../nominations/review-resolutions';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
  type StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import {
  DEMO_COUNCIL,
  DemoCouncilLoader,
  type DemoBallotChoice,
  type DemoCouncilPeople,
} from './demo-council';
import { COMMITTEE, demoPeople, demoUnits } from './demo-organisation';
import { demoPdf } from './demo-pdf';

/**
 * The demo's cases: nominations in every state of the nomination workflow, violation cases in every
 * state of theirs, a closed session of the committee's council that recommended one nomination and
 * not another, and past awards of a few people. Every case is built through the services, as
 * the demo users (with their real grants) would through the API, so each has a real audit chain
 * that `npm run cli -- verify` accepts. Idempotent: a scenario whose nominee (or violation
 * subject) already has such a case is skipped, as is a past award already recorded.
 */

const DEMO_AUTHOR: ChangeAuthor = { userId: null, username: 'demo' };

/** The demo users who act on the cases (created by DemoLoader). */
const ACTORS = {
  /** unit_leader of the electricity company's Party organisation (DUK-DL). */
  dienluc: 'demo.dienluc',
  /** unit_leader of the water company's Party organisation (DUK-CN). */
  capnuoc: 'demo.capnuoc',
  /** secretariat of the committee. */
  vanphong: 'demo.vanphong',
  /** council_chair: Trần Xuân Lâm, the committee's secretary, who chairs the council. */
  chutich: 'demo.chutich',
  /** council_member, a voting member of the council. */
  hoidong: 'demo.hoidong',
  /** council_member, a voting member of the council. */
  uyvien: 'demo.uyvien',
  /** secretariat of the water company, which issues its director's decisions. */
  ctcapnuoc: 'demo.ctcapnuoc',
  /** council_chair of the water company: its director, who decides (and revokes) its awards. */
  giamdoc: 'demo.giamdoc.capnuoc',
} as const;
/** The council's voters, in the order of a scenario's `council` choices. */
const VOTERS: Actor[] = ['chutich', 'hoidong', 'uyvien'];
type Actor = keyof typeof ACTORS;

/** Who signs the committee's decisions in the demo (the secretary named in the plan). */
export const DEMO_SIGNER = 'Trần Xuân Lâm – Bí thư Đảng ủy Khối';

/** Who signs the water company's decisions: its director (the head of DUK-CN-DN). */
export const DEMO_ENTERPRISE_SIGNER = `${
  demoPeople().find((person) => person.unitCode === 'DUK-CN-DN')!.fullName
} – Giám đốc Công ty Cổ phần Cấp nước tỉnh`;

const DOCUMENT_TITLES: Record<string, string> = {
  to_trinh: 'Tờ trình đề nghị khen thưởng',
  bao_cao_thanh_tich: 'Báo cáo thành tích',
  bien_ban_binh_xet: 'Biên bản họp xét thi đua, khen thưởng',
  xac_nhan_sang_kien: 'Văn bản công nhận sáng kiến',
};
const BASIC_DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'];
const INITIATIVE_DOSSIER = [...BASIC_DOSSIER, 'xac_nhan_sang_kien'];

/** What a nomination scenario does after opening the case, in order. */
type NominationStep =
  | 'PARTIAL_DOSSIER'
  | 'DOSSIER'
  | 'SUBMIT'
  | 'WITHDRAW'
  | 'START_VERIFICATION'
  | 'RETURN_FOR_SUPPLEMENT'
  | 'MARK_VERIFIED'
  | 'SEND_TO_COUNCIL'
  | 'APPROVE'
  | 'REJECT'
  | 'OPEN_PUBLIC_NOTICE'
  | 'FILE_OBJECTION'
  | 'ANNOUNCE'
  | 'REVOKE';

const SUBMITTED: NominationStep[] = ['DOSSIER', 'SUBMIT'];
const VERIFYING: NominationStep[] = [...SUBMITTED, 'START_VERIFICATION'];
const VERIFIED: NominationStep[] = [...VERIFYING, 'MARK_VERIFIED'];
const IN_COUNCIL: NominationStep[] = [...VERIFIED, 'SEND_TO_COUNCIL'];
const APPROVED: NominationStep[] = [...IN_COUNCIL, 'APPROVE'];
const ANNOUNCED: NominationStep[] = [...APPROVED, 'ANNOUNCE'];

export interface DemoNominationSpec {
  /** A stable name for the scenario (tests look cases up by it). */
  key: string;
  /** The state the nomination ends in. */
  state: string;
  nominee: { person: string } | { unit: string };
  leader: Extract<Actor, 'dienluc' | 'capnuoc'>;
  awardCode: string;
  steps: NominationStep[];
  /** Opened on this earlier workflow version (a case from before the latest was published). */
  workflowVersion?: number;
  /**
   * After its steps, the nomination awaits the council, whose session votes on it: one choice per
   * voter (the chair, then the two members).
   */
  council?: DemoBallotChoice[];
  /**
   * Issue 17: the enterprise's director grants its workers' titles (Law 06/2022 Art 80(4)), so
   * its office announces and its director revokes; otherwise the committee does.
   */
  decidedBy?: 'enterprise';
  /**
   * Issue 17: recommended by the council for an award no unit of the organisation may grant, the
   * committee's secretariat proposes it to this authority (outside the system): the nomination
   * then waits `with_superior` for the decision that comes back.
   */
  proposedTo?: string;
}

/** National emulation fighter: the one shipped award whose rule set requires a public notice. */
const NOTICED_AWARD = 'chien_si_thi_dua_toan_quoc';

export const DEMO_NOMINATIONS: DemoNominationSpec[] = [
  {
    key: 'draft',
    state: 'draft',
    nominee: { person: 'DUK-0035' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: ['PARTIAL_DOSSIER'],
  },
  {
    key: 'submitted',
    state: 'submitted',
    nominee: { person: 'DUK-0036' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: SUBMITTED,
  },
  {
    key: 'verifying',
    state: 'verifying',
    nominee: { person: 'DUK-0037' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: VERIFYING,
  },
  {
    // Opened before nomination v3 was published: it runs on v2 until migrated.
    key: 'verifying_v2',
    state: 'verifying',
    nominee: { person: 'DUK-0063' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: VERIFYING,
    workflowVersion: 2,
  },
  {
    // The nominee's traffic violation case (below) is still being verified: on hold.
    key: 'on_hold',
    state: 'verifying',
    nominee: { person: 'DUK-0038' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: VERIFYING,
  },
  {
    key: 'returned_for_supplement',
    state: 'returned_for_supplement',
    nominee: { person: 'DUK-0039' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: [...VERIFYING, 'RETURN_FOR_SUPPLEMENT'],
  },
  {
    key: 'verified',
    state: 'verified',
    nominee: { person: 'DUK-0040' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: VERIFIED,
  },
  {
    key: 'council_review',
    state: 'council_review',
    nominee: { person: 'DUK-0041' },
    leader: 'dienluc',
    awardCode: 'chien_si_thi_dua_co_so',
    steps: IN_COUNCIL,
  },
  {
    // The council's session voted for it: the head (the chair) decides now.
    key: 'recommended',
    state: 'recommended',
    nominee: { person: 'DUK-0046' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: IN_COUNCIL,
    council: ['approve', 'approve', 'approve'],
  },
  {
    // A provincial diploma of merit: granted by the provincial chair, whom no unit here acts as.
    // The council recommends it and the committee proposes it up (a numbered letter, Party format).
    key: 'with_superior',
    state: 'with_superior',
    nominee: { person: 'DUK-0051' },
    leader: 'dienluc',
    awardCode: 'bang_khen_bo_tinh',
    steps: IN_COUNCIL,
    council: ['approve', 'approve', 'approve'],
    proposedTo: 'provincial_chair',
  },
  {
    // One approval of three falls short of the threshold: the secretariat may send it to the
    // council again, or the head rejects it.
    key: 'not_recommended',
    state: 'not_recommended',
    nominee: { person: 'DUK-0049' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: IN_COUNCIL,
    council: ['approve', 'reject', 'abstain'],
  },
  {
    key: 'approved',
    state: 'approved',
    nominee: { person: 'DUK-0042' },
    leader: 'dienluc',
    awardCode: 'lao_dong_tien_tien',
    steps: APPROVED,
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'public_notice',
    state: 'public_notice',
    nominee: { person: 'DUK-0064' },
    leader: 'dienluc',
    awardCode: NOTICED_AWARD,
    steps: [...APPROVED, 'OPEN_PUBLIC_NOTICE'],
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'objection_review',
    state: 'objection_review',
    nominee: { person: 'DUK-0065' },
    leader: 'dienluc',
    awardCode: NOTICED_AWARD,
    steps: [...APPROVED, 'OPEN_PUBLIC_NOTICE', 'FILE_OBJECTION'],
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'announced',
    state: 'announced',
    nominee: { person: 'DUK-0097' },
    leader: 'capnuoc',
    awardCode: 'lao_dong_tien_tien',
    decidedBy: 'enterprise',
    steps: ANNOUNCED,
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    // A Party cell is a Party organisation: the committee's standing committee grants it the
    // exemplary clean-and-strong title (a Party award, Party numbering), not a State certificate.
    key: 'announced_collective',
    state: 'announced',
    nominee: { unit: 'DUK-CN-CB1' },
    leader: 'capnuoc',
    awardCode: 'to_chuc_dang_tsvm_tieu_bieu',
    steps: ANNOUNCED,
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'revoked',
    state: 'revoked',
    nominee: { person: 'DUK-0098' },
    leader: 'capnuoc',
    awardCode: 'lao_dong_tien_tien',
    decidedBy: 'enterprise',
    steps: [...ANNOUNCED, 'REVOKE'],
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'rejected',
    state: 'rejected',
    nominee: { person: 'DUK-0099' },
    leader: 'capnuoc',
    awardCode: 'lao_dong_tien_tien',
    steps: [...IN_COUNCIL, 'REJECT'],
    // Decided before nomination v5 put the notice before a council vote.
    workflowVersion: 4,
  },
  {
    key: 'withdrawn',
    state: 'withdrawn',
    nominee: { person: 'DUK-0100' },
    leader: 'capnuoc',
    awardCode: 'lao_dong_tien_tien',
    steps: [...SUBMITTED, 'WITHDRAW'],
  },
];

type ViolationStep =
  | 'START_VERIFICATION'
  | 'DISMISS'
  | 'CONFIRM'
  | 'REFER_FOR_DECISION'
  | 'DECIDE'
  | 'ANNOUNCE'
  | 'CLOSE';

export interface DemoViolationSpec {
  key: string;
  state: string;
  person: string;
  /** v2 and v3: traffic or other; v4: a code of data/catalogues/violation-categories.json. */
  category: string;
  summary: string;
  steps: ViolationStep[];
  /** v2 and v3 DECIDE: the rule set's discipline subject type and form, or null for none. */
  discipline?: { subjectType: string; form: string } | null;
  /**
   * v4 DECIDE: the subject's Party cell decides by its members' vote; the cell is a council of
   * body `party_cell` with these members (people of the cell) on its roster.
   */
  cellDecision?: { cell: string; members: string[]; form: string; against: number };
  /** Opened on this workflow version (2, 3); absent: the latest. */
  workflowVersion?: number;
}

/** Every scenario made before violation v4 runs on v3, the version it was written for. */
const ON_V3 = 3;

const CONFIRMED: ViolationStep[] = ['START_VERIFICATION', 'CONFIRM'];
const DECIDED: ViolationStep[] = [...CONFIRMED, 'REFER_FOR_DECISION', 'DECIDE'];

export const DEMO_VIOLATIONS: DemoViolationSpec[] = [
  {
    key: 'reported',
    state: 'reported',
    person: 'DUK-0043',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: điều khiển xe mô tô không đội mũ bảo hiểm.',
    steps: [],
    workflowVersion: ON_V3,
  },
  {
    // Holds the `on_hold` nomination of the same person.
    key: 'verifying',
    state: 'verifying',
    person: 'DUK-0038',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: điều khiển xe ô tô vượt đèn đỏ tại ngã tư trung tâm.',
    steps: ['START_VERIFICATION'],
    workflowVersion: ON_V3,
  },
  {
    key: 'confirmed',
    state: 'confirmed',
    person: 'DUK-0044',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: điều khiển xe mô tô chạy quá tốc độ quy định.',
    steps: CONFIRMED,
    workflowVersion: ON_V3,
  },
  {
    key: 'deciding',
    state: 'deciding',
    person: 'DUK-0045',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: điều khiển phương tiện khi trong hơi thở có nồng độ cồn.',
    steps: [...CONFIRMED, 'REFER_FOR_DECISION'],
    workflowVersion: ON_V3,
  },
  {
    key: 'decided',
    state: 'decided',
    person: 'DUK-0066',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: đảng viên điều khiển xe ô tô khi có nồng độ cồn.',
    steps: DECIDED,
    discipline: { subjectType: 'party_member', form: 'khien_trach' },
    workflowVersion: ON_V3,
  },
  {
    key: 'announced',
    state: 'announced',
    person: 'DUK-0145',
    category: 'other',
    summary: 'Vắng mặt không lý do tại ba kỳ sinh hoạt chi bộ liên tiếp.',
    steps: [...DECIDED, 'ANNOUNCE'],
    discipline: null,
    workflowVersion: ON_V3,
  },
  {
    key: 'closed',
    state: 'closed',
    person: 'DUK-0146',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: gây tai nạn giao thông do đi sai làn đường.',
    steps: [...DECIDED, 'ANNOUNCE', 'CLOSE'],
    discipline: { subjectType: 'party_member', form: 'canh_cao' },
    workflowVersion: ON_V3,
  },
  {
    key: 'dismissed',
    state: 'dismissed',
    person: 'DUK-0101',
    category: 'traffic',
    summary: 'Công an tỉnh thông báo: xe ô tô biển kiểm soát của đồng chí vượt đèn đỏ.',
    steps: ['START_VERIFICATION', 'DISMISS'],
    workflowVersion: ON_V3,
  },
  {
    // Reported before violation v3 was published: it runs on v2 until migrated.
    key: 'deciding_v2',
    state: 'deciding',
    person: 'DUK-0050',
    category: 'other',
    summary: 'Sử dụng xe công vào việc riêng (phản ánh trước khi phát hành quy trình phiên bản 3).',
    steps: [...CONFIRMED, 'REFER_FOR_DECISION'],
    workflowVersion: 2,
  },
  {
    // Violation v4: her Party cell votes a warning at its meeting; it is announced and runs
    // twelve months from the announcement.
    key: 'announced_v4',
    state: 'announced',
    person: 'DUK-0080',
    category: 'traffic_alcohol',
    summary: 'Công an phường thông báo: điều khiển xe mô tô khi trong hơi thở có nồng độ cồn.',
    steps: [...DECIDED, 'ANNOUNCE'],
    cellDecision: {
      cell: 'DUK-DL-CB2',
      members: ['DUK-0076', 'DUK-0078', 'DUK-0082', 'DUK-0083', 'DUK-0084'],
      form: 'canh_cao',
      against: 1,
    },
  },
];

/** Past awards (as an import would record them), relative to the evaluation year of the demo. */
interface DemoPastAward {
  person: string;
  awardCode: string;
  /** Years before the evaluation year. */
  yearsBefore: number;
  revoked?: boolean;
}

export const DEMO_PAST_AWARDS: DemoPastAward[] = [
  ...[3, 2, 1].map((yearsBefore) => ({
    person: 'DUK-0047',
    awardCode: 'lao_dong_tien_tien',
    yearsBefore,
  })),
  ...[2, 1].map((yearsBefore) => ({
    person: 'DUK-0048',
    awardCode: 'lao_dong_tien_tien',
    yearsBefore,
  })),
  ...[3, 2, 1].map((yearsBefore) => ({
    person: 'DUK-0102',
    awardCode: 'lao_dong_tien_tien',
    yearsBefore,
    revoked: yearsBefore === 2,
  })),
  // The national emulation fighter needs the provincial title twice (the two noticed nominees).
  ...['DUK-0064', 'DUK-0065'].flatMap((person) =>
    [4, 1].map((yearsBefore) => ({
      person,
      awardCode: 'chien_si_thi_dua_bo_tinh',
      yearsBefore,
    })),
  ),
];

export interface DemoCaseLine {
  kind: 'nomination' | 'violation';
  key: string;
  caseId: string;
  state: string;
  subject: string;
  awardCode?: string;
  created: boolean;
  /** Set when the case was opened on an earlier workflow version than the latest. */
  workflowVersion?: number;
}

export interface DemoCasesResult {
  evaluationYear: number;
  cases: DemoCaseLine[];
  pastAwards: { total: number; created: number };
  /** The committee's council, and the session held now (none when its nominations existed). */
  council: { id: string; name: string; sessionId: string | null };
}

export class DemoCaseRefusedError extends Error {}

/**
 * What the nominations opened on the latest workflow carry from the demo movement
 * (src/demo/demo-movement.ts): the movement, the nominee's approved registration, the type.
 */
export interface DemoNominationLinks {
  movementId: string;
  registrationOf(
    subject: { kind: 'person'; personId: string } | { kind: 'unit'; unitId: string },
  ): string | undefined;
  commendationType(awardCode: string): string;
}

interface DemoIds {
  people: Map<string, string>;
  units: Map<string, string>;
}

@Injectable()
export class DemoCasesLoader {
  constructor(
    private readonly cases: CaseCommands,
    private readonly documents: DossierDocumentsService,
    private readonly notices: PublicNoticesService,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY) private readonly history: HistoricalAwardsRepository,
    private readonly council: DemoCouncilLoader,
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
  ) {}

  /** Run after DemoLoader.load: needs its organisation and users. */
  async load(links?: DemoNominationLinks): Promise<DemoCasesResult> {
    const today = this.clock.todayInVietnam();
    // Nominations are for last year: this year's achievements are not evaluated before it ends.
    const evaluationYear = Number(today.slice(0, 4)) - 1;
    const ids = await this.subjectIds();
    const principals = await this.principals();
    const pastAwards = await this.loadPastAwards(ids, evaluationYear);
    const lines: DemoCaseLine[] = [];
    for (const spec of DEMO_VIOLATIONS) {
      lines.push(await this.violation(spec, ids, principals, today));
    }
    const council = await this.councilScenarios(ids, principals, evaluationYear, today, links);
    for (const spec of DEMO_NOMINATIONS) {
      lines.push(
        council.lines.get(spec.key) ??
          (await this.nomination(spec, ids, principals, evaluationYear, today, spec.state, links)),
      );
    }
    return { evaluationYear, cases: lines, pastAwards, council: council.council };
  }

  /**
   * The nominations the council votes on, then its session. They come before every other
   * nomination: the session's agenda takes all that await the council in the committee's tree,
   * and the `council_review` scenario must still be waiting after it.
   */
  private async councilScenarios(
    ids: DemoIds,
    as: Record<Actor, Principal>,
    evaluationYear: number,
    today: string,
    links?: DemoNominationLinks,
  ): Promise<{ lines: Map<string, DemoCaseLine>; council: DemoCasesResult['council'] }> {
    const people: DemoCouncilPeople = {
      secretariat: as.vanphong,
      voters: VOTERS.map((voter) => as[voter]),
      personIds: ids.people,
      committeeId: ids.units.get(COMMITTEE)!,
    };
    const councilId = await this.council.council(people);
    const specs = DEMO_NOMINATIONS.filter((spec) => spec.council !== undefined);
    const lines = new Map<string, DemoCaseLine>();
    const choices = new Map<string, DemoBallotChoice[]>();
    for (const spec of specs) {
      const line = await this.nomination(
        spec,
        ids,
        as,
        evaluationYear,
        today,
        'council_review',
        links,
      );
      lines.set(spec.key, line);
      if (line.created) choices.set(line.caseId, spec.council!);
    }
    let sessionId: string | null = null;
    if (choices.size > 0) {
      const session = await this.refusalNamed('council session', 'close', () =>
        this.council.holdSession(
          people,
          evaluationYear,
          (caseId, voter) => choices.get(caseId)?.[voter] ?? 'abstain',
        ),
      );
      sessionId = session.sessionId;
      for (const spec of specs) {
        const line = lines.get(spec.key)!;
        if (line.created && spec.proposedTo !== undefined) {
          await this.proposeUpward(spec, line.caseId, ids, as.vanphong);
        }
        const state = (await this.repository.findById(line.caseId))?.state ?? line.state;
        if (line.created && state !== spec.state) {
          throw new DemoCaseRefusedError(
            `The demo nomination "${spec.key}" ended in ${state}, not ${spec.state}.`,
          );
        }
        lines.set(spec.key, { ...line, state });
      }
    }
    return { lines, council: { id: councilId, name: DEMO_COUNCIL.name, sessionId } };
  }

  /** The committee's letter proposing a recommended nomination to the competent authority. */
  private async proposeUpward(
    spec: DemoNominationSpec,
    nominationId: string,
    ids: DemoIds,
    secretariat: Principal,
  ): Promise<void> {
    await this.refusalNamed(`proposal of nomination "${spec.key}"`, 'open', () =>
      this.cases.open(
        secretariat,
        {
          type: 'award_proposal',
          subject: { kind: 'unit', unitId: ids.units.get(COMMITTEE)! },
          data: {
            nominationIds: [nominationId],
            to: { authority: spec.proposedTo! },
            basis: [
              'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
              'Nghị định số 152/2025/NĐ-CP của Chính phủ',
              'Biên bản họp Hội đồng Thi đua – Khen thưởng Đảng ủy Khối',
            ],
          },
        },
        { method: 'POST', path: '/api/v1/cases' },
      ),
    );
  }

  private async subjectIds(): Promise<DemoIds> {
    const personCodes = [
      ...new Set([
        ...DEMO_NOMINATIONS.flatMap((s) => ('person' in s.nominee ? [s.nominee.person] : [])),
        ...DEMO_VIOLATIONS.map((s) => s.person),
        ...DEMO_VIOLATIONS.flatMap((s) => s.cellDecision?.members ?? []),
        ...DEMO_PAST_AWARDS.map((a) => a.person),
        ...DEMO_COUNCIL.members.map((m) => m.person),
      ]),
    ];
    const unitCodes = [
      COMMITTEE,
      ...DEMO_NOMINATIONS.flatMap((s) => ('unit' in s.nominee ? [s.nominee.unit] : [])),
      ...DEMO_VIOLATIONS.flatMap((s) => (s.cellDecision ? [s.cellDecision.cell] : [])),
    ];
    const { people, units } = await this.history.transaction(async (tx) => ({
      people: await tx.findPeopleByCodes(personCodes),
      units: await tx.findUnitsByCodes(unitCodes),
    }));
    const result = {
      people: new Map(people.map((p) => [p.code, p.id])),
      units: new Map(units.map((u) => [u.code, u.id])),
    };
    const missing = [
      ...personCodes.filter((code) => !result.people.has(code)),
      ...unitCodes.filter((code) => !result.units.has(code)),
    ];
    if (missing.length > 0) {
      throw new Error(`The demo organisation is incomplete: ${missing.join(', ')} not found.`);
    }
    return result;
  }

  private async principals(): Promise<Record<Actor, Principal>> {
    const entries = await Promise.all(
      (Object.entries(ACTORS) as [Actor, string][]).map(async ([actor, username]) => {
        const user = await this.users.findByUsername(username);
        if (user === null) throw new Error(`The demo user ${username} does not exist.`);
        const principal: Principal = {
          userId: user.id,
          username: user.username,
          roles: user.roles,
          personId: user.personId,
          grants: user.grants,
        };
        return [actor, principal] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<Actor, Principal>;
  }

  /** Past awards, as the awards import would record them; one that exists is left alone. */
  private async loadPastAwards(
    ids: { people: Map<string, string> },
    evaluationYear: number,
  ): Promise<{ total: number; created: number }> {
    const at = this.clock.nowIso();
    return this.history.transaction(async (tx) => {
      const existing = await tx.findBySubjects({
        personIds: [...new Set(DEMO_PAST_AWARDS.map((a) => ids.people.get(a.person)!))],
        unitIds: [],
      });
      const known = new Set(existing.map((a) => `${a.personId}|${a.awardCode}|${a.year}`));
      let created = 0;
      const changes: AdminChange[] = [];
      for (const spec of DEMO_PAST_AWARDS) {
        const personId = ids.people.get(spec.person)!;
        const year = evaluationYear - spec.yearsBefore;
        if (known.has(`${personId}|${spec.awardCode}|${year}`)) continue;
        const award: StoredHistoricalAward = {
          id: uuidv7(),
          subjectKind: 'person',
          personId,
          unitId: null,
          awardCode: spec.awardCode,
          year,
          status: spec.revoked ? 'revoked' : 'granted',
          decisionNumber: pastDecisionNumber(spec),
          decidedOn: `${year + 1}-01-15`,
          revokedOn: spec.revoked ? `${year + 1}-09-10` : null,
          note: spec.revoked
            ? 'Thu hồi do kê khai thành tích không đúng sự thật (dữ liệu minh họa)'
            : 'Dữ liệu minh họa (npm run demo)',
          importedAt: at,
          importedBy: DEMO_AUTHOR.username,
          demo: true,
        };
        await tx.insert(award);
        changes.push(changeRecord(DEMO_AUTHOR, at, 'person', personId, 'demo_award', null, award));
        created += 1;
      }
      await tx.recordChanges(changes);
      return { total: DEMO_PAST_AWARDS.length, created };
    });
  }

  private async violation(
    spec: DemoViolationSpec,
    ids: DemoIds,
    as: Record<Actor, Principal>,
    today: string,
  ): Promise<DemoCaseLine> {
    const personId = ids.people.get(spec.person)!;
    const line = (caseId: string, state: string, created: boolean): DemoCaseLine => ({
      kind: 'violation',
      key: spec.key,
      caseId,
      state,
      subject: nameOf(spec.person),
      created,
      ...(spec.workflowVersion === undefined ? {} : { workflowVersion: spec.workflowVersion }),
    });
    const [existing] = await this.repository.casesAbout({ personIds: [personId], unitIds: [] }, [
      'violation',
    ]);
    if (existing) return line(existing.id, existing.state, false);

    const what = `violation "${spec.key}"`;
    const opened = await this.refusalNamed(what, 'open', () =>
      this.cases.open(
        as.vanphong,
        {
          type: 'violation',
          subject: { kind: 'person', personId },
          data: {
            category: spec.category,
            // Since v4 a report names its source.
            ...(spec.workflowVersion === undefined ? { source: 'police_notice' } : {}),
            occurredOn: daysBefore(today, 20),
            summary: spec.summary,
          },
        },
        { method: 'POST', path: '/api/v1/cases' },
        spec.workflowVersion,
      ),
    );
    const caseId = opened.body.id;
    let state = opened.body.state;
    const voters =
      spec.cellDecision === undefined ? [] : await this.partyCell(spec.cellDecision, ids, as);
    let decisionNumber: string | undefined;
    for (const step of spec.steps) {
      const [actor, payload] = violationEvent(step, spec, today, { voters, decisionNumber });
      const answer = await this.refusalNamed(what, step, () =>
        this.cases.sendEvent(as[actor], caseId, { type: step, payload }, eventRequest(caseId)),
      );
      state = answer.body.state;
      const decisions = (answer.body as { context?: { decisions?: { number: string }[] } }).context
        ?.decisions;
      if (step === 'DECIDE' && decisions !== undefined) decisionNumber = decisions.at(-1)?.number;
    }
    if (state !== spec.state) {
      throw new DemoCaseRefusedError(`The demo ${what} ended in ${state}, not ${spec.state}.`);
    }
    return line(caseId, state, true);
  }

  /**
   * The Party cell as a voting body (a council of body `party_cell` in the cell's unit), with its
   * members on the roster since 2025, created the first time; answers the voters' person ids.
   */
  private async partyCell(
    cell: NonNullable<DemoViolationSpec['cellDecision']>,
    ids: DemoIds,
    as: Record<Actor, Principal>,
  ): Promise<string[]> {
    const unitId = ids.units.get(cell.cell)!;
    const voters = cell.members.map((code) => ids.people.get(code)!);
    const { items } = await this.councils.list(as.vanphong, 'party_cell');
    if (items.some((council) => council.unit.id === unitId)) return voters;
    const created = await this.councils.create(as.vanphong, {
      unitId,
      name: nameOf(cell.cell),
      body: 'party_cell',
    });
    for (const [index, personId] of voters.entries()) {
      await this.councils.addMember(as.vanphong, created.id, {
        personId,
        role: index === 0 ? 'chair' : 'member',
        from: DEMO_COUNCIL.termFrom,
      });
    }
    return voters;
  }

  /** Opens the scenario's nomination and runs its steps; it must end in `expected`. */
  private async nomination(
    spec: DemoNominationSpec,
    ids: DemoIds,
    as: Record<Actor, Principal>,
    evaluationYear: number,
    today: string,
    expected = spec.state,
    links?: DemoNominationLinks,
  ): Promise<DemoCaseLine> {
    const subject =
      'person' in spec.nominee
        ? { kind: 'person' as const, personId: ids.people.get(spec.nominee.person)! }
        : { kind: 'unit' as const, unitId: ids.units.get(spec.nominee.unit)! };
    const subjectName =
      'person' in spec.nominee ? nameOf(spec.nominee.person) : nameOf(spec.nominee.unit);
    const line = (caseId: string, state: string, created: boolean): DemoCaseLine => ({
      kind: 'nomination',
      key: spec.key,
      caseId,
      state,
      subject: subjectName,
      awardCode: spec.awardCode,
      created,
      ...(spec.workflowVersion === undefined ? {} : { workflowVersion: spec.workflowVersion }),
    });
    const about = await this.repository.casesAbout(
      subject.kind === 'person'
        ? { personIds: [subject.personId], unitIds: [] }
        : { personIds: [], unitIds: [subject.unitId] },
      ['nomination'],
    );
    const existing = about.find((c) =>
      subject.kind === 'person' ? true : c.subjectPersonId === null,
    );
    if (existing) return line(existing.id, existing.state, false);

    const what = `nomination "${spec.key}"`;
    const leader = as[spec.leader];
    const opened = await this.refusalNamed(what, 'open', () =>
      this.cases.open(
        leader,
        {
          type: 'nomination',
          subject,
          data: {
            awardCode: spec.awardCode,
            evaluationYear,
            // Cases opened on earlier versions keep the free text; the latest links the movement.
            ...(links === undefined || spec.workflowVersion !== undefined
              ? {
                  movement:
                    'Phong trào thi đua thực hiện Chỉ thị 23-CT/TW về trật tự, an toàn giao thông',
                }
              : nominationLinks(links, subject, spec.awardCode)),
            achievementSummary: `${subjectName}: hoàn thành tốt nhiệm vụ năm ${evaluationYear}, gương mẫu chấp hành pháp luật về trật tự, an toàn giao thông.`,
          },
        },
        { method: 'POST', path: '/api/v1/cases' },
        spec.workflowVersion,
      ),
    );
    const caseId = opened.body.id;
    let state = opened.body.state;
    const dossier = spec.awardCode === NOTICED_AWARD ? INITIATIVE_DOSSIER : BASIC_DOSSIER;
    for (const step of spec.steps) {
      if (step === 'DOSSIER' || step === 'PARTIAL_DOSSIER') {
        const codes = step === 'DOSSIER' ? dossier : dossier.slice(0, 2);
        for (const code of codes) {
          const title = `${DOCUMENT_TITLES[code]} – ${subjectName} – năm ${evaluationYear}`;
          state = (
            await this.refusalNamed(what, `upload ${code}`, () =>
              this.documents.upload(
                leader,
                caseId,
                {
                  code,
                  fileName: `${code}.pdf`,
                  contentType: 'application/pdf',
                  body: demoPdf(title, ['Tài liệu minh họa (npm run demo)']),
                },
                { method: 'POST', path: `/api/v1/cases/${caseId}/documents` },
              ),
            )
          ).body.state;
        }
        continue;
      }
      if (step === 'FILE_OBJECTION') {
        await this.refusalNamed(what, step, () =>
          this.notices.fileObjection(
            caseId,
            {
              objection:
                'Đề nghị xem xét lại: sáng kiến nêu trong hồ sơ là của cả tổ kỹ thuật, không riêng của người được đề nghị.',
              name: 'Một đoàn viên công đoàn (ẩn danh)',
            },
            { method: 'POST', path: `/api/v1/public/notices/${caseId}/objections` },
          ),
        );
        state = (await this.repository.findById(caseId))?.state ?? state;
        continue;
      }
      const [actor, payload] = nominationEvent(step, spec, today);
      const send = (body: Record<string, unknown>) =>
        this.cases.sendEvent(
          as[actor],
          caseId,
          { type: step, payload: body },
          eventRequest(caseId),
        );
      state = (
        await this.refusalNamed(what, step, () =>
          send(payload).catch((error: unknown) => {
            // Nomination v7 asks the official to resolve each line eligibility leaves for review;
            // the refusal lists them, as the verify and approve dialogs do. Any other refusal stands.
            const reviewResolutions = reviewResolutionsAskedBy(error);
            if (reviewResolutions.length === 0) throw error;
            return send({ ...payload, reviewResolutions });
          }),
        )
      ).body.state;
    }
    if (state !== expected) {
      throw new DemoCaseRefusedError(`The demo ${what} ended in ${state}, not ${expected}.`);
    }
    return line(caseId, state, true);
  }

  /** A refusal names the scenario and step, so a broken demo says where it broke. */
  private async refusalNamed<T>(what: string, step: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const detail =
        error instanceof Error
          ? `${error.message}${'details' in error ? ` ${JSON.stringify(error.details)}` : ''}`
          : String(error);
      throw new DemoCaseRefusedError(`The demo ${what} was refused at ${step}: ${detail}`);
    }
  }
}

function nominationEvent(
  step: Exclude<NominationStep, 'DOSSIER' | 'PARTIAL_DOSSIER' | 'FILE_OBJECTION'>,
  spec: DemoNominationSpec,
  today: string,
): [Actor, Record<string, unknown>] {
  const leader = spec.leader;
  const byEnterprise = spec.decidedBy === 'enterprise';
  const decision = { date: today, signer: byEnterprise ? DEMO_ENTERPRISE_SIGNER : DEMO_SIGNER };
  switch (step) {
    case 'SUBMIT':
    case 'WITHDRAW':
      return [leader, {}];
    case 'START_VERIFICATION':
    case 'MARK_VERIFIED':
    case 'SEND_TO_COUNCIL':
    case 'OPEN_PUBLIC_NOTICE':
      return ['vanphong', {}];
    case 'RETURN_FOR_SUPPLEMENT':
      return [
        'vanphong',
        {
          reason:
            'Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị; đề nghị bổ sung biên bản họp xét có kết quả bỏ phiếu.',
        },
      ];
    case 'APPROVE':
      return ['chutich', {}];
    case 'REJECT':
      return [
        'chutich',
        {
          reason:
            'Hội đồng bỏ phiếu không đạt tỷ lệ tối thiểu; thành tích chưa nổi bật so với các đề nghị khác.',
        },
      ];
    case 'ANNOUNCE':
      return [byEnterprise ? 'ctcapnuoc' : 'vanphong', { decision }];
    case 'REVOKE':
      return [
        byEnterprise ? 'giamdoc' : 'chutich',
        {
          ground: 'false_dossier',
          reason:
            'Kiểm tra sau khen thưởng phát hiện báo cáo thành tích kê khai số liệu không đúng sự thật.',
          decision,
        },
      ];
  }
}

function violationEvent(
  step: ViolationStep,
  spec: DemoViolationSpec,
  today: string,
  earlier: { voters: string[]; decisionNumber?: string },
): [Actor, Record<string, unknown>] {
  // Since v3 the official records the legal dates as they were on paper (a week or two earlier
  // here); a case still on v2 dates each step the day it is entered.
  const onV2 = spec.workflowVersion === 2;
  const legalDate = (field: string, days: number) =>
    onV2 ? {} : { [field]: daysBefore(today, days) };
  switch (step) {
    case 'START_VERIFICATION':
    case 'REFER_FOR_DECISION':
      return ['vanphong', {}];
    case 'ANNOUNCE':
      return [
        'vanphong',
        {
          ...(spec.cellDecision === undefined ? {} : { decisionNumber: earlier.decisionNumber }),
          ...legalDate('announcedOn', 3),
        },
      ];
    case 'CONFIRM':
      return [
        'vanphong',
        {
          reason: 'Đã đối chiếu biên bản của Công an tỉnh; vi phạm có thật.',
          ...legalDate('confirmedOn', 14),
        },
      ];
    case 'DISMISS':
      return [
        'vanphong',
        { reason: 'Biển số bị nhầm: phương tiện vi phạm không phải của đồng chí.' },
      ];
    case 'DECIDE':
      if (spec.cellDecision !== undefined) {
        const meetingDate = daysBefore(today, 7);
        const { against, form } = spec.cellDecision;
        return [
          'chutich',
          {
            body: 'party_cell',
            subjectType: 'party_member',
            outcome: 'discipline',
            form,
            legalBasis: ['Điều lệ Đảng, Điều 36', 'Quy định 69-QĐ/TW, Điều 15'],
            decision: { date: meetingDate, signer: `Bí thư ${nameOf(spec.cellDecision.cell)}` },
            vote: {
              meetingDate,
              present: earlier.voters,
              inFavour: earlier.voters.length - against,
              against,
              abstain: 0,
            },
          },
        ];
      }
      return [
        'chutich',
        {
          decision: {
            number: `${violationDecisionSequence(spec)}-QĐ/ĐUK`,
            date: onV2 ? today : daysBefore(today, 7),
            signer: DEMO_SIGNER,
          },
          discipline: spec.discipline ?? null,
        },
      ];
    case 'CLOSE':
      return ['vanphong', { reason: 'Đã công bố quyết định và lưu hồ sơ.' }];
  }
}

/** What the demo's officials rely on when they resolve a line left for review. */
const DEMO_REVIEW_EVIDENCE =
  'Đã đối chiếu quyết định xếp loại, hồ sơ cán bộ và xác nhận của đơn vị (dữ liệu minh họa).';

/**
 * The resolutions a refusal asks for: only when the review-resolution guard alone refused the
 * step (nomination v7 MARK_VERIFIED, APPROVE), every line the refusal's eligibility leaves for
 * review, resolved as met; otherwise none (an ineligible or held nomination, a wrong state or
 * role, earlier versions: the refusal is the demo's to report, not to retry).
 */
function reviewResolutionsAskedBy(error: unknown): ReviewResolution[] {
  if (!(error instanceof DomainError) || error.code !== 'CASE.GUARD_FAILED') return [];
  const { failedGuards, eligibility } = error.details as {
    failedGuards?: { name: string }[];
    eligibility?: EligibilityResult;
  };
  const onlyUnresolved =
    failedGuards !== undefined &&
    failedGuards.length > 0 &&
    failedGuards.every((guard) => guard.name === REVIEW_LINES_RESOLVED);
  return onlyUnresolved ? resolveEveryReviewLine(eligibility, DEMO_REVIEW_EVIDENCE) : [];
}

/** The nomination v7 guard that wants every line left for review resolved (its name there). */
const REVIEW_LINES_RESOLVED = 'reviewLinesResolved';

function nominationLinks(
  links: DemoNominationLinks,
  subject: Parameters<DemoNominationLinks['registrationOf']>[0],
  awardCode: string,
): Record<string, string> {
  const registrationId = links.registrationOf(subject);
  return {
    movementId: links.movementId,
    ...(registrationId === undefined ? {} : { registrationId }),
    commendationType: links.commendationType(awardCode),
  };
}

function eventRequest(caseId: string) {
  return { method: 'POST', path: `/api/v1/cases/${caseId}/events` };
}

let registryNames: Map<string, string> | undefined;

/** The registry name of a demo person or unit, by code. */
function nameOf(code: string): string {
  registryNames ??= new Map([
    ...demoPeople().map((p): [string, string] => [p.code, p.fullName]),
    ...demoUnits().map((u): [string, string] => [u.code, u.name]),
  ]);
  return registryNames.get(code) ?? code;
}

function daysBefore(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Grassroots titles are decided by the enterprise's director, the provincial one by the province. */
function pastDecisionNumber(spec: DemoPastAward): string {
  const sequence = 10 + DEMO_PAST_AWARDS.indexOf(spec) * 3;
  if (spec.awardCode === 'chien_si_thi_dua_bo_tinh') return `${sequence}/QĐ-UBND`;
  return `${sequence}/QĐ-${spec.person.startsWith('DUK-01') ? 'CNT' : 'ĐLT'}`;
}

function violationDecisionSequence(spec: DemoViolationSpec): number {
  return 100 + DEMO_VIOLATIONS.indexOf(spec);
}
