import { Inject, Injectable } from '@nestjs/common';
import { CaseCommands } from '../cases/case-commands.service';
import { Clock } from '../common/clock';
import type { CaseSubject, StoredCase } from '../domain/cases/stored-case';
import { MOVEMENT, MOVEMENT_PARTICIPATION } from '../domain/movements/movement';
import type { Principal } from '../domain/org/principal';
import {
  DossierDocumentsService,
  IMPLEMENTATION_PLAN_DOCUMENT_CODE,
} from '../nominations/dossier-documents.service';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { RatingsService } from '../ratings/ratings.service';
import { REGISTRATION } from '../registrations/registration.plugin';
import { RegistrationsService } from '../registrations/registrations.service';
import { DEMO_NOMINATIONS, type DemoNominationLinks } from './demo-cases';
import { COMMITTEE, demoPeople } from './demo-organisation';
import { demoPdf } from './demo-pdf';

/**
 * The Directive 23 traffic-safety movement of the demo (issue 15): launched by the committee
 * (its secretariat, demo.vanphong) with the propaganda board leading and the office coordinating,
 * acknowledged by some grassroots organisations and the youth union (the others have not yet, so
 * "who has not" shows something), registrations from several of them, most approved by the
 * committee and one returned, and last year's ratings of the people the demo nominates and of
 * their units. Built through the engine's services as the API would; idempotent like the rest of
 * the demo (found by the movement's code, the unit's participation, the registrant's
 * registration, and a rating the register already holds).
 *
 * It runs before the demo nominations, which then carry the movement, the registration of their
 * nominee where one is approved, and their commendation type.
 */

/** The demo users acting here (created by DemoLoader). */
const ACTORS = {
  vanphong: 'demo.vanphong',
  dienluc: 'demo.dienluc',
  capnuoc: 'demo.capnuoc',
  nganhang: 'demo.nganhang',
  doankhoi: 'demo.doankhoi',
} as const;
type Actor = keyof typeof ACTORS;

export const DEMO_MOVEMENT_TITLE =
  'Phong trào thi đua thực hiện Chỉ thị 23-CT/TW về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm trật tự, an toàn giao thông';

/** The movement's code: one movement per evaluation year. */
export function demoMovementCode(evaluationYear: number): string {
  return `PT-CT23-${evaluationYear}`;
}

export const DEMO_MOVEMENT_AWARDS = [
  'lao_dong_tien_tien',
  'chien_si_thi_dua_co_so',
  'tap_the_lao_dong_tien_tien',
  'giay_khen',
];

/** The units that acknowledge the movement, with their plan; the others have not yet. */
export const DEMO_ACKNOWLEDGEMENTS: {
  unit: string;
  leader: Exclude<Actor, 'vanphong'>;
  planSummary: string;
  /** Days after the launch. */
  after: number;
  /** The plan's document is uploaded too. */
  planDocument: boolean;
}[] = [
  {
    unit: 'DUK-DL',
    leader: 'dienluc',
    planSummary:
      'Quán triệt Chỉ thị 23-CT/TW đến 100% đảng viên, người lao động; ký cam kết chấp hành pháp luật về trật tự, an toàn giao thông trong quý I; kiểm tra định kỳ đội xe của Công ty.',
    after: 5,
    planDocument: true,
  },
  {
    unit: 'DUK-CN',
    leader: 'capnuoc',
    planSummary:
      'Lồng ghép nội dung an toàn giao thông vào sinh hoạt chi bộ hằng tháng; tuyên truyền "đã uống rượu, bia thì không lái xe" tại các tổ sản xuất.',
    after: 8,
    planDocument: false,
  },
  {
    unit: 'DUK-NH',
    leader: 'nganhang',
    planSummary:
      'Phổ biến Kế hoạch 168-KH/TU tới các phòng giao dịch; 100% cán bộ ký cam kết không vi phạm nồng độ cồn khi tham gia giao thông.',
    after: 12,
    planDocument: false,
  },
  {
    unit: 'DUK-DK',
    leader: 'doankhoi',
    planSummary:
      'Ra quân "Thanh niên với văn hóa giao thông"; mỗi chi đoàn nhận một tuyến đường tự quản; tổ chức thi tìm hiểu Luật Trật tự, an toàn giao thông đường bộ.',
    after: 6,
    planDocument: true,
  },
];

/** What becomes of a registration once the committee has looked at it. */
type Outcome = 'approved' | 'returned' | 'submitted';

interface DemoRegistrationGroup {
  unit: string;
  leader: Exclude<Actor, 'vanphong'>;
  /** Days after the launch. */
  after: number;
  unitRegistration: { awardCodes: string[]; outcome: Outcome } | null;
  /** Person codes, or the first `count` people of a unit (after its head). */
  people: { codes: string[] } | { ofUnit: string; count: number };
  peopleAwards: string[];
  peopleOutcome: Outcome;
}

/**
 * The electricity company registers itself and the people the demo nominates (but the draft's
 * nominee, who is nominated from the movement without a registration); the water company
 * likewise; the bank's collective registration is returned; the youth union's wait.
 */
export const DEMO_REGISTRATIONS: DemoRegistrationGroup[] = [
  {
    unit: 'DUK-DL',
    leader: 'dienluc',
    after: 15,
    unitRegistration: { awardCodes: ['tap_the_lao_dong_tien_tien'], outcome: 'approved' },
    people: {
      codes: ['DUK-0036', 'DUK-0037', 'DUK-0038', 'DUK-0039', 'DUK-0040', 'DUK-0046', 'DUK-0049'],
    },
    peopleAwards: ['lao_dong_tien_tien'],
    peopleOutcome: 'approved',
  },
  {
    unit: 'DUK-DL',
    leader: 'dienluc',
    after: 15,
    unitRegistration: null,
    people: { codes: ['DUK-0041'] },
    peopleAwards: ['chien_si_thi_dua_co_so'],
    peopleOutcome: 'approved',
  },
  {
    unit: 'DUK-CN',
    leader: 'capnuoc',
    after: 18,
    unitRegistration: { awardCodes: ['giay_khen'], outcome: 'approved' },
    people: { codes: ['DUK-0100'] },
    peopleAwards: ['lao_dong_tien_tien'],
    peopleOutcome: 'approved',
  },
  {
    unit: 'DUK-NH',
    leader: 'nganhang',
    after: 20,
    unitRegistration: { awardCodes: ['tap_the_lao_dong_tien_tien'], outcome: 'returned' },
    people: { ofUnit: 'DUK-NH-DN', count: 2 },
    peopleAwards: ['lao_dong_tien_tien'],
    peopleOutcome: 'submitted',
  },
  {
    unit: 'DUK-DK',
    leader: 'doankhoi',
    after: 16,
    unitRegistration: { awardCodes: ['giay_khen'], outcome: 'approved' },
    people: { ofUnit: 'DUK-DK', count: 3 },
    peopleAwards: ['giay_khen'],
    peopleOutcome: 'submitted',
  },
];

/** Annual titles are regular commendations; the movement's certificates of merit are thematic. */
export function demoCommendationType(awardCode: string): string {
  return awardCode === 'giay_khen' ? 'thematic' : 'regular';
}

const RETURN_REASON =
  'Đề nghị bổ sung chỉ tiêu cụ thể về số cán bộ, người lao động ký cam kết và lịch kiểm tra đội xe.';
const RATING_BASIS = 'Quyết định xếp loại chất lượng năm (dữ liệu minh họa, npm run demo)';

export interface DemoMovementResult {
  movementId: string;
  code: string;
  title: string;
  state: string;
  created: boolean;
  acknowledged: { unit: string; participationId: string }[];
  registrations: { subject: string; caseId: string; state: string }[];
  ratings: { total: number };
}

@Injectable()
export class DemoMovementLoader {
  constructor(
    private readonly cases: CaseCommands,
    private readonly registrations: RegistrationsService,
    private readonly ratings: RatingsService,
    private readonly documents: DossierDocumentsService,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  /** Run after DemoLoader.load (its organisation and users) and before DemoCasesLoader.load. */
  async load(): Promise<DemoMovementResult> {
    const today = this.clock.todayInVietnam();
    const evaluationYear = Number(today.slice(0, 4)) - 1;
    const as = await this.principals();
    const ids = await this.ids();
    const launchedOn = `${evaluationYear}-02-20`;
    const movement = await this.movement(as.vanphong, ids, evaluationYear, launchedOn);
    const acknowledged: DemoMovementResult['acknowledged'] = [];
    for (const spec of DEMO_ACKNOWLEDGEMENTS) {
      const participationId = await this.acknowledge(
        as[spec.leader],
        movement.case.id,
        ids.unit(spec.unit),
        spec,
        addDays(launchedOn, spec.after),
      );
      acknowledged.push({ unit: spec.unit, participationId });
    }
    const registrations: DemoMovementResult['registrations'] = [];
    for (const group of DEMO_REGISTRATIONS) {
      registrations.push(
        ...(await this.register(
          as,
          movement.case.id,
          ids,
          group,
          addDays(launchedOn, group.after),
        )),
      );
    }
    const ratings = await this.rate(as.vanphong, ids, evaluationYear);
    return {
      movementId: movement.case.id,
      code: demoMovementCode(evaluationYear),
      title: DEMO_MOVEMENT_TITLE,
      state: movement.case.state,
      created: movement.created,
      acknowledged,
      registrations,
      ratings: { total: ratings },
    };
  }

  /**
   * What the demo nominations of the latest workflow carry: the movement, the nominee's approved
   * registration for it (if any), and the commendation type of the award.
   */
  async linksFor(movementId: string): Promise<DemoNominationLinks> {
    const registrations = (
      await this.repository.list({
        scopes: null,
        caseType: REGISTRATION,
        state: 'approved',
        dataMatches: [{ keyByCaseType: { [REGISTRATION]: 'movementId' }, value: movementId }],
        limit: 500,
      })
    ).items;
    return {
      movementId,
      registrationOf: (subject) =>
        registrations.find(
          (r) =>
            r.subject.kind === subject.kind &&
            r.subject.id === (subject.kind === 'person' ? subject.personId : subject.unitId),
        )?.id,
      commendationType: demoCommendationType,
    };
  }

  private async movement(
    launcher: Principal,
    ids: DemoIds,
    evaluationYear: number,
    launchedOn: string,
  ): Promise<{ case: StoredCase; created: boolean }> {
    const code = demoMovementCode(evaluationYear);
    const [existing] = (
      await this.repository.list({
        scopes: null,
        caseType: MOVEMENT,
        dataMatches: [{ keyByCaseType: { [MOVEMENT]: 'code' }, value: code }],
        limit: 1,
      })
    ).items;
    let caseId = existing?.id;
    const created = existing === undefined;
    if (caseId === undefined) {
      const opened = await refusalNamed('open', () =>
        this.cases.open(
          launcher,
          {
            type: MOVEMENT,
            subject: { kind: 'unit', unitId: ids.unit(COMMITTEE) },
            data: {
              code,
              title: DEMO_MOVEMENT_TITLE,
              theme:
                'Nâng cao ý thức chấp hành pháp luật về trật tự, an toàn giao thông của cán bộ, đảng viên, người lao động trong các doanh nghiệp của Khối; không vi phạm nồng độ cồn khi tham gia giao thông.',
              type: 'thematic',
              legalBasis: [
                {
                  citation:
                    'Chỉ thị số 23-CT/TW ngày 25/5/2023 của Ban Bí thư về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm trật tự, an toàn giao thông trong tình hình mới',
                  sourceId: 'directive_23_ct_tw',
                },
                {
                  citation:
                    'Kế hoạch số 168-KH/TU ngày 10/11/2023 của Tỉnh ủy thực hiện Chỉ thị 23-CT/TW',
                  sourceId: 'plan_168_kh_tu',
                },
                {
                  citation: 'Kế hoạch của Đảng ủy Khối thực hiện Chỉ thị 23-CT/TW',
                  sourceId: 'plan_duk_directive_23',
                },
              ],
              leadUnitId: ids.unit('DUK-BTG'),
              coordinatingUnitIds: [ids.unit('DUK-VP')],
              period: { from: `${evaluationYear}-02-20`, to: `${evaluationYear}-12-31` },
              participatingUnitId: ids.unit(COMMITTEE),
              criteria: [
                { code: 'traffic_law_compliance', weight: 40 },
                { code: 'task_completion', weight: 30 },
                { code: 'propaganda_legal_education', weight: 30 },
              ],
              awardsOnOffer: DEMO_MOVEMENT_AWARDS,
              registrationDeadline: `${evaluationYear}-04-30`,
            },
          },
          { method: 'POST', path: '/api/v1/cases' },
        ),
      );
      caseId = opened.body.id;
    }
    let stored = (await this.repository.findById(caseId))!;
    if (stored.state === 'draft') {
      await refusalNamed('LAUNCH', () =>
        this.cases.sendEvent(
          launcher,
          stored.id,
          { type: 'LAUNCH', payload: { launchedOn } },
          eventRequest(stored.id),
        ),
      );
      stored = (await this.repository.findById(caseId))!;
    }
    return { case: stored, created };
  }

  /** The unit's participation (its acknowledgement), opened the first time with its plan. */
  private async acknowledge(
    leader: Principal,
    movementId: string,
    unitId: string,
    spec: (typeof DEMO_ACKNOWLEDGEMENTS)[number],
    acknowledgedOn: string,
  ): Promise<string> {
    const found = (
      await this.repository.casesAbout({ personIds: [], unitIds: [unitId] }, [
        MOVEMENT_PARTICIPATION,
      ])
    ).find((c) => c.data.movementId === movementId);
    if (found) return found.id;
    const opened = await refusalNamed(`acknowledgement by ${spec.unit}`, () =>
      this.cases.open(
        leader,
        {
          type: MOVEMENT_PARTICIPATION,
          subject: { kind: 'unit', unitId },
          data: { movementId, acknowledgedOn, planSummary: spec.planSummary },
        },
        { method: 'POST', path: '/api/v1/cases' },
      ),
    );
    const caseId = opened.body.id;
    if (spec.planDocument) {
      await refusalNamed(`plan of ${spec.unit}`, () =>
        this.documents.upload(
          leader,
          caseId,
          {
            code: IMPLEMENTATION_PLAN_DOCUMENT_CODE,
            fileName: 'ke-hoach-thuc-hien-chi-thi-23.pdf',
            contentType: 'application/pdf',
            body: demoPdf(`Kế hoạch thực hiện Chỉ thị 23-CT/TW – ${spec.unit}`, [
              spec.planSummary,
              'Tài liệu minh họa (npm run demo)',
            ]),
          },
          { method: 'POST', path: `/api/v1/cases/${caseId}/documents` },
        ),
      );
    }
    return caseId;
  }

  /**
   * A unit registers itself and its people at once (all or nothing, so a group is either all
   * there or not yet), then the committee decides what the scenario says.
   */
  private async register(
    as: Record<Actor, Principal>,
    movementId: string,
    ids: DemoIds,
    group: DemoRegistrationGroup,
    registeredOn: string,
  ): Promise<DemoMovementResult['registrations']> {
    const unitId = ids.unit(group.unit);
    const personCodes =
      'codes' in group.people
        ? group.people.codes
        : ids.peopleOf(group.people.ofUnit).slice(1, 1 + group.people.count);
    const subjects: { code: string; subject: CaseSubject['kind']; id: string; outcome: Outcome }[] =
      [
        ...(group.unitRegistration === null
          ? []
          : [
              {
                code: group.unit,
                subject: 'unit' as const,
                id: unitId,
                outcome: group.unitRegistration.outcome,
              },
            ]),
        ...personCodes.map((code) => ({
          code,
          subject: 'person' as const,
          id: ids.person(code),
          outcome: group.peopleOutcome,
        })),
      ];
    const existingOf = async () =>
      (
        await this.repository.casesAbout(
          {
            personIds: subjects.filter((s) => s.subject === 'person').map((s) => s.id),
            unitIds: subjects.filter((s) => s.subject === 'unit').map((s) => s.id),
          },
          [REGISTRATION],
        )
      ).filter(
        (c) =>
          c.data.movementId === movementId &&
          // A unit's registration, not one of its people's (cases about a unit's people are not
          // returned for the unit, but the subject kind says it plainly).
          subjects.some((s) => s.subject === c.subject.kind && s.id === c.subject.id),
      );
    let existing = await existingOf();
    if (existing.length === 0) {
      const targets = (awardCodes: string[]) => ({
        awardCodes,
        pledges: [
          {
            criterionCode: 'traffic_law_compliance',
            text: 'Không vi phạm pháp luật về trật tự, an toàn giao thông; không điều khiển phương tiện khi đã uống rượu, bia.',
          },
        ],
      });
      await refusalNamed(`registrations of ${group.unit}`, () =>
        this.registrations.registerInBulk(as[group.leader], movementId, {
          unitId,
          registeredOn,
          ...(group.unitRegistration === null
            ? {}
            : { unit: { targets: targets(group.unitRegistration.awardCodes) } }),
          people: personCodes.map((code) => ({
            personId: ids.person(code),
            targets: targets(group.peopleAwards),
          })),
        }),
      );
      existing = await existingOf();
    }
    const lines: DemoMovementResult['registrations'] = [];
    for (const spec of subjects) {
      const registration = existing.find(
        (c) => c.subject.kind === spec.subject && c.subject.id === spec.id,
      )!;
      let state = registration.state;
      if (state === 'submitted' && spec.outcome !== 'submitted') {
        const event =
          spec.outcome === 'approved'
            ? { type: 'APPROVE', payload: {} }
            : { type: 'RETURN', payload: { reason: RETURN_REASON } };
        state = (
          await refusalNamed(`${event.type} of ${spec.code}'s registration`, () =>
            this.cases.sendEvent(
              as.vanphong,
              registration.id,
              event,
              eventRequest(registration.id),
            ),
          )
        ).body.state;
      }
      lines.push({ subject: spec.code, caseId: registration.id, state });
    }
    return lines;
  }

  /**
   * Last year's ratings of the people the demo nominates and of their units (and the nominated
   * collectives), at or above the bar of their awards: their rating prerequisites pass. The
   * register changes nothing when it already holds the same rating on the same basis.
   */
  private async rate(secretariat: Principal, ids: DemoIds, year: number): Promise<number> {
    const people = new Map<string, string>();
    const units = new Set<string>();
    // A nominated collective is rated excellent: the Party cell's exemplary clean-and-strong title
    // (issue 17) asks for it; the units of nominated people are rated good.
    const collectives = new Set<string>();
    for (const spec of DEMO_NOMINATIONS) {
      if ('unit' in spec.nominee) {
        collectives.add(spec.nominee.unit);
        continue;
      }
      const outstanding = spec.awardCode !== 'lao_dong_tien_tien';
      const code = spec.nominee.person;
      if (!people.has(code) || outstanding) {
        people.set(code, outstanding ? 'hoan_thanh_xuat_sac' : 'hoan_thanh_tot');
      }
      units.add(ids.unitOfPerson(code));
    }
    const entries = [
      ...[...people].map(([code, rating]) => ({
        kind: 'person' as const,
        subjectId: ids.person(code),
        rating,
      })),
      ...[...units]
        .filter((code) => !collectives.has(code))
        .map((code) => ({
          kind: 'unit' as const,
          subjectId: ids.unit(code),
          rating: 'hoan_thanh_tot',
        })),
      ...[...collectives].map((code) => ({
        kind: 'unit' as const,
        subjectId: ids.unit(code),
        rating: 'hoan_thanh_xuat_sac',
      })),
    ];
    for (const entry of entries) {
      await refusalNamed(`rating of ${entry.subjectId}`, () =>
        this.ratings.put(
          secretariat,
          { kind: entry.kind, subjectId: entry.subjectId, year },
          { rating: entry.rating, basis: `${RATING_BASIS} ${year}` },
        ),
      );
    }
    return entries.length;
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

  private async ids(): Promise<DemoIds> {
    const people = demoPeople();
    const personCodes = people.map((p) => p.code);
    const unitCodes = [...new Set(people.map((p) => p.unitCode)), COMMITTEE];
    const found = await this.organisation.transaction(async (tx) => ({
      people: new Map((await tx.findPeopleByCodes(personCodes)).map((p) => [p.code, p.id])),
      units: new Map((await tx.findUnitsByCodes(unitCodes)).map((u) => [u.code, u.id])),
    }));
    const unitOfPerson = new Map(people.map((p) => [p.code, p.unitCode]));
    const need = (map: Map<string, string>, code: string) => {
      const id = map.get(code);
      if (id === undefined) {
        throw new Error(`The demo organisation is incomplete: ${code} not found.`);
      }
      return id;
    };
    return {
      person: (code) => need(found.people, code),
      unit: (code) => need(found.units, code),
      unitOfPerson: (code) => unitOfPerson.get(code)!,
      peopleOf: (unitCode) => people.filter((p) => p.unitCode === unitCode).map((p) => p.code),
    };
  }
}

interface DemoIds {
  person(code: string): string;
  unit(code: string): string;
  unitOfPerson(code: string): string;
  peopleOf(unitCode: string): string[];
}

/** A refusal names the step, so a broken demo says where it broke. */
async function refusalNamed<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const detail =
      error instanceof Error
        ? `${error.message}${'details' in error ? ` ${JSON.stringify(error.details)}` : ''}`
        : String(error);
    throw new Error(`The demo movement was refused at ${step}: ${detail}`);
  }
}

function eventRequest(caseId: string) {
  return { method: 'POST', path: `/api/v1/cases/${caseId}/events` };
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
