import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { authorOf } from '../domain/org/change-log';
import { scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { ROLES, type Role } from '../domain/roles';
import {
  COUNCIL_BODY_NAMES,
  EMULATION_COUNCIL,
  rosterOn,
  VOTING_ROLES,
  type Council,
  type CouncilBody,
  type CouncilMember,
} from '../domain/council/council-roster';
import {
  COUNCILS_REPOSITORY,
  type CouncilsRepository,
} from '../persistence/repositories/councils.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type {
  AddCouncilMemberDto,
  CouncilMemberViewDto,
  CouncilViewDto,
  CreateCouncilDto,
  RosterViewDto,
} from './dto/council.dto';

/** Who keeps a council's roster: an admin, or the secretariat of the council's unit. */
const ROSTER_KEEPERS: readonly Role[] = ['admin', 'secretariat'];

export function councilNotFound(id: string): AppError {
  return new AppError(
    'COUNCIL.NOT_FOUND',
    'not_found',
    `No council ${id} that you may see.`,
    { councilId: id },
    {
      vi: 'Không tìm thấy hội đồng (hoặc bạn không có quyền xem).',
      en: 'No such council that you may see.',
    },
  );
}

function invalidCouncil(field: string, text: { vi: string; en: string }): AppError {
  return new AppError('COUNCIL.INVALID', 'unprocessable', text.en, { field }, text);
}

/**
 * Councils and their rosters. Every role with the council's unit in scope reads them; admins and
 * the unit's secretariat keep them. Each change goes to the append-only change log.
 */
@Injectable()
export class CouncilsService {
  constructor(
    @Inject(COUNCILS_REPOSITORY) private readonly councils: CouncilsRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, body?: CouncilBody): Promise<{ items: CouncilViewDto[] }> {
    const found = await this.councils.councilsIn(scopesFor(principal, [...ROLES]), body);
    return { items: await Promise.all(found.map((council) => this.view(council))) };
  }

  async get(principal: Principal, id: string): Promise<CouncilViewDto> {
    return this.view(await this.readable(principal, id));
  }

  async roster(principal: Principal, id: string, on?: string): Promise<RosterViewDto> {
    const council = await this.readable(principal, id);
    const day = on ?? this.clock.todayInVietnam();
    const members = rosterOn(await this.councils.membersOf(council.id), day);
    return { on: day, members: await Promise.all(members.map((m) => this.memberView(m))) };
  }

  async create(principal: Principal, input: CreateCouncilDto): Promise<CouncilViewDto> {
    const unit = await this.organisation.findUnitById(input.unitId);
    if (unit === null || rolesAt(principal.grants, unit.path).length === 0) {
      throw invalidCouncil('unitId', {
        vi: 'Không có đơn vị này trong phạm vi của bạn.',
        en: 'No such unit in your scope.',
      });
    }
    this.assertKeeper(principal, unit.path);
    const at = this.clock.nowIso();
    const council: Council = {
      id: uuidv7(),
      unitId: unit.id,
      name: input.name.normalize('NFC'),
      body: input.body ?? EMULATION_COUNCIL,
      createdAt: at,
    };
    const inserted = await this.councils.insertCouncil(
      council,
      changeRecord(authorOf(principal), at, 'council', council.id, 'create', null, council),
    );
    if (!inserted) {
      const body = COUNCIL_BODY_NAMES[council.body];
      throw invalidCouncil('body', {
        vi: `Đơn vị này đã có ${body.vi}; mỗi đơn vị chỉ có một ${body.vi}.`,
        en: `This unit already has a ${body.en}; a unit has only one.`,
      });
    }
    return this.get(principal, council.id);
  }

  async addMember(
    principal: Principal,
    id: string,
    input: AddCouncilMemberDto,
  ): Promise<CouncilViewDto> {
    const council = await this.readable(principal, id);
    this.assertKeeper(principal, council.unitPath);
    const person = await this.organisation.findPersonById(input.personId);
    // One out of the keeper's scope answers as one that does not exist (an admin sees everyone).
    if (
      person === null ||
      !person.active ||
      rolesAt(principal.grants, person.unitPath).length === 0
    ) {
      throw invalidCouncil('personId', {
        vi: 'Không có người này trong danh sách cán bộ (hoặc đã thôi hoạt động).',
        en: 'No such active person in the registry.',
      });
    }
    const to = input.to ?? null;
    if (to !== null && to < input.from) {
      throw invalidCouncil('to', {
        vi: 'Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.',
        en: 'A term cannot end before it starts.',
      });
    }
    const at = this.clock.nowIso();
    const member: CouncilMember = {
      id: uuidv7(),
      councilId: council.id,
      personId: person.id,
      role: input.role,
      from: input.from,
      to,
      createdAt: at,
    };
    await this.councils.insertMember(
      member,
      changeRecord(authorOf(principal), at, 'council', council.id, 'add_member', null, member),
      (terms) => assertFitsTheRoster(terms, member),
    );
    return this.view(council);
  }

  async endTerm(
    principal: Principal,
    id: string,
    memberId: string,
    to: string,
  ): Promise<CouncilViewDto> {
    const council = await this.readable(principal, id);
    this.assertKeeper(principal, council.unitPath);
    const at = this.clock.nowIso();
    const ended = await this.councils.endTerm(council.id, memberId, to, (term, others) => {
      if (to < term.from) {
        throw invalidCouncil('to', {
          vi: 'Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.',
          en: 'A term cannot end before it starts.',
        });
      }
      // A later end than recorded lengthens the term: it must still fit beside the others.
      assertFitsTheRoster(others, { ...term, to });
      return changeRecord(authorOf(principal), at, 'council', council.id, 'end_term', term, {
        ...term,
        to,
      });
    });
    if (!ended) {
      throw new AppError(
        'COUNCIL.MEMBER_NOT_FOUND',
        'not_found',
        `No member ${memberId} on this council.`,
        { memberId },
        { vi: 'Không có thành viên này trong hội đồng.', en: 'No such member on this council.' },
      );
    }
    return this.view(council);
  }

  private async readable(principal: Principal, id: string) {
    const council = /^[0-9a-f-]{36}$/.test(id) ? await this.councils.findCouncil(id) : null;
    if (council === null || rolesAt(principal.grants, council.unitPath).length === 0) {
      throw councilNotFound(id);
    }
    return council;
  }

  private assertKeeper(principal: Principal, unitPath: string): void {
    if (!rolesAt(principal.grants, unitPath).some((role) => ROSTER_KEEPERS.includes(role))) {
      throw new AppError(
        'COUNCIL.FORBIDDEN',
        'forbidden',
        'Only an admin or the secretariat of the council’s unit keeps its roster.',
        {},
        {
          vi: 'Chỉ quản trị viên hoặc bộ phận thường trực của đơn vị mới cập nhật hội đồng.',
          en: 'Only an admin or the secretariat of the council’s unit keeps its roster.',
        },
      );
    }
  }

  private async view(council: Council & { unitPath: string }): Promise<CouncilViewDto> {
    const [unit, members] = await Promise.all([
      this.organisation.findUnitById(council.unitId),
      this.councils.membersOf(council.id),
    ]);
    return {
      id: council.id,
      name: council.name,
      body: council.body,
      unit: { id: council.unitId, code: unit?.code ?? '', name: unit?.name ?? '' },
      members: await Promise.all(members.map((m) => this.memberView(m))),
      createdAt: council.createdAt,
    };
  }

  private async memberView(member: CouncilMember): Promise<CouncilMemberViewDto> {
    const person = await this.organisation.findPersonById(member.personId);
    return {
      id: member.id,
      person: {
        id: member.personId,
        code: person?.code ?? '',
        name: person?.fullName ?? '',
        unitId: person?.unitId ?? '',
      },
      role: member.role,
      from: member.from,
      to: member.to,
      votes: VOTING_ROLES.includes(member.role),
    };
  }
}

/**
 * A term beside the council's other terms: one term at a time per person, one chair at a time
 * (open-ended terms run to the end of time).
 */
function assertFitsTheRoster(
  terms: readonly CouncilMember[],
  term: Pick<CouncilMember, 'personId' | 'role' | 'from' | 'to'>,
): void {
  const overlaps = (other: CouncilMember) =>
    other.from <= (term.to ?? '9999-12-31') && term.from <= (other.to ?? '9999-12-31');
  if (terms.some((other) => other.personId === term.personId && overlaps(other))) {
    throw invalidCouncil('personId', {
      vi: 'Người này đã có nhiệm kỳ trong hội đồng trùng thời gian.',
      en: 'This person already has an overlapping term on the council.',
    });
  }
  if (term.role === 'chair' && terms.some((other) => other.role === 'chair' && overlaps(other))) {
    throw invalidCouncil('role', {
      vi: 'Hội đồng đã có Chủ tịch trong thời gian này; kết thúc nhiệm kỳ đó trước.',
      en: 'The council has a chair for that time; end that term first.',
    });
  }
}
