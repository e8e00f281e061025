import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors';
import { Clock } from '../common/clock';
import type { Localized } from '../domain/localized';
import type { Principal } from '../domain/org/principal';
import { isWithin, rolesAt, type UnitPath } from '../domain/org/scope';
import {
  REGISTRATION_ROLES,
  targetsOf,
  type RegistrationTargets,
} from '../domain/registrations/registration-rules';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { CASE_READERS } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import type { CreateCaseDto } from '../cases/dto/case.dto';
import { unitNotFound } from '../organisation/organisation-errors';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type ListedCase,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type {
  BulkRegistrationDto,
  BulkRegistrationResultDto,
  RegistrationListDto,
  RegistrationListQuery,
  RegistrationRowDto,
  RegistrationWorkbookQuery,
} from './dto/registration.dto';
import { MovementReader, type MovementForRegistration } from './movement-reader';
import {
  bulkRefused,
  emptyBulk,
  movementNotFound,
  registeredTwiceInBulk,
  type RefusedRow,
} from './registration-errors';
import { REGISTRATION } from './registration.plugin';
import { registrationsXlsx } from './registrations-xlsx';
import { fileNameIn } from '../outputs/file-names';

const PAGE = 500;

export interface RegistrationsWorkbook {
  fileName: string;
  content: Buffer;
}

const personOutsideUnit = (personId: string) =>
  new AppError(
    'REGISTRATION.PERSON_OUTSIDE_UNIT',
    'unprocessable',
    'The person is not in the registering unit (or a unit below it).',
    { personId },
    {
      vi: 'Người này không thuộc đơn vị đăng ký (hoặc đơn vị trực thuộc).',
      en: 'The person is not in the registering unit (or a unit below it).',
    },
  );

/**
 * Registrations for a movement: a unit's leadership registers the unit and its people in one go
 * (all or nothing, through the engine's batch opening), and the consolidated list (JSON and XLSX)
 * the launching unit reads in full and every participating unit reads for its own subtree.
 */
@Injectable()
export class RegistrationsService {
  private readonly movements: MovementReader;

  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly commands: CaseCommands,
    private readonly clock: Clock,
  ) {
    this.movements = new MovementReader(cases, organisation, workflows);
  }

  async registerInBulk(
    principal: Principal,
    movementId: string,
    body: BulkRegistrationDto,
  ): Promise<BulkRegistrationResultDto> {
    const people = body.people ?? [];
    if (body.unit === undefined && people.length === 0) throw emptyBulk();
    const movement = await this.visibleMovement(principal, movementId);
    const unit = await this.organisation.findUnitById(body.unitId);
    if (
      unit === null ||
      !rolesAt(principal.grants, unit.path).some((role) => REGISTRATION_ROLES.includes(role))
    ) {
      throw unitNotFound(body.unitId);
    }
    const refused = await this.peopleOutsideOrTwice(unit, people);
    if (refused.length > 0) throw bulkRefused(refused);

    const data = (targets: RegistrationTargets) => ({
      movementId: movement.id,
      registeredOn: body.registeredOn,
      targets: {
        awardCodes: targets.awardCodes,
        pledges: targets.pledges.map((pledge) => ({
          ...(pledge.criterionCode === undefined ? {} : { criterionCode: pledge.criterionCode }),
          text: pledge.text,
        })),
      },
    });
    const openings: CreateCaseDto[] = [
      ...(body.unit === undefined
        ? []
        : [
            {
              type: REGISTRATION,
              subject: { kind: 'unit' as const, unitId: unit.id },
              data: data(body.unit.targets),
            },
          ]),
      ...people.map((person) => ({
        type: REGISTRATION,
        subject: { kind: 'person' as const, personId: person.personId },
        data: data(person.targets),
      })),
    ];
    const offset = body.unit === undefined ? 0 : 1;
    try {
      const views = await this.commands.openTogether(principal, openings);
      return {
        registrations: views.map((view, index) => ({
          caseId: view.id,
          kind: index < offset ? 'unit' : 'individual',
          subjectId: index < offset ? unit.id : people[index - offset].personId,
          state: view.state,
        })),
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CASE.OPENINGS_REFUSED') {
        const refusals = error.details.refusals as {
          index: number;
          code: string;
          message: string;
          localized?: Localized;
        }[];
        throw bulkRefused(
          refusals.map((refusal) => ({
            ...(refusal.index < offset
              ? { part: 'unit' as const, index: 0 }
              : { part: 'people' as const, index: refusal.index - offset }),
            code: refusal.code,
            message: refusal.message,
            ...(refusal.localized ? { localized: refusal.localized } : {}),
          })),
        );
      }
      throw error;
    }
  }

  async list(
    principal: Principal,
    movementId: string,
    query: RegistrationListQuery,
  ): Promise<RegistrationListDto> {
    const movement = await this.visibleMovement(principal, movementId);
    const scopes = this.listScopes(principal, movement);
    let unitPath: UnitPath | undefined;
    if (query.unitId !== undefined) {
      const unit = await this.organisation.findUnitById(query.unitId);
      const visible =
        unit !== null && (scopes === null || rolesAt(principal.grants, unit.path).length > 0);
      if (!visible) throw unitNotFound(query.unitId);
      unitPath = unit.path;
    }
    const found: ListedCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({
        scopes,
        caseType: REGISTRATION,
        dataMatches: [{ keyByCaseType: { [REGISTRATION]: 'movementId' }, value: movement.id }],
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(unitPath === undefined ? {} : { unitPath }),
        cursor,
        limit: PAGE,
      });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    // Oldest first, the order registrations came in (ids are time-ordered within one instant).
    found.sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
    return {
      movement: {
        id: movement.id,
        code: movement.code,
        title: movement.title,
        launchingUnitId: movement.launchingUnitId,
        callerDecides: this.decides(principal, movement),
      },
      items: found.map((listed) => this.rowOf(listed)),
    };
  }

  async workbook(
    principal: Principal,
    movementId: string,
    query: RegistrationWorkbookQuery,
  ): Promise<RegistrationsWorkbook> {
    const list = await this.list(principal, movementId, query);
    const safeCode = list.movement.code.replace(/[^A-Za-z0-9._-]/g, '-');
    const language = query.lang ?? 'vi';
    return {
      fileName: fileNameIn(language, `dang-ky-thi-dua_${safeCode || list.movement.id}.xlsx`),
      content: await registrationsXlsx(list, language),
    };
  }

  /**
   * A movement the caller may see: its launching unit's readers and auditors always; once
   * launched, anyone holding a grant in or over its participating subtree. Anything else answers
   * exactly like a movement that does not exist.
   */
  private async visibleMovement(
    principal: Principal,
    movementId: string,
  ): Promise<MovementForRegistration> {
    const movement = await this.movements.find(movementId);
    if (movement === null) throw movementNotFound(movementId);
    if (this.seesAll(principal, movement)) return movement;
    const participating = movement.participatingUnitPath;
    const launched = movement.live || movement.terms.registrationOpen;
    const inSubtree =
      participating !== null &&
      principal.grants.some(
        (grant) =>
          CASE_READERS.includes(grant.role) &&
          (grant.scope === null ||
            isWithin(grant.scope, participating) ||
            isWithin(participating, grant.scope)),
      );
    if (launched && inSubtree) return movement;
    throw movementNotFound(movementId);
  }

  /**
   * The launching unit's readers (any case-reading role over it, auditors included: an auditor of
   * the whole organisation reads every movement's list) see every row.
   */
  private seesAll(principal: Principal, movement: MovementForRegistration): boolean {
    return rolesAt(principal.grants, movement.launchingUnitPath).some((role) =>
      CASE_READERS.includes(role),
    );
  }

  private decides(principal: Principal, movement: MovementForRegistration): boolean {
    return rolesAt(principal.grants, movement.launchingUnitPath).some((role) =>
      REGISTRATION_ROLES.includes(role),
    );
  }

  /** Null: every registration of the movement; otherwise the caller's own subtrees. */
  private listScopes(principal: Principal, movement: MovementForRegistration): UnitPath[] | null {
    if (this.seesAll(principal, movement)) return null;
    const scopes = principal.grants
      .filter((grant) => CASE_READERS.includes(grant.role))
      .map((grant) => grant.scope);
    if (scopes.includes(null)) return null;
    return [...new Set(scopes as UnitPath[])];
  }

  private async peopleOutsideOrTwice(
    unit: StoredUnit,
    people: BulkRegistrationDto['people'] & object,
  ): Promise<RefusedRow[]> {
    const refused: RefusedRow[] = [];
    const seen = new Set<string>();
    for (const [index, person] of people.entries()) {
      if (seen.has(person.personId)) {
        refused.push(rowRefusal(index, registeredTwiceInBulk(person.personId)));
        continue;
      }
      seen.add(person.personId);
      const found = await this.organisation.findPersonById(person.personId);
      if (found !== null && !isWithin(found.unitPath, unit.path)) {
        refused.push(rowRefusal(index, personOutsideUnit(person.personId)));
      }
    }
    return refused;
  }

  private rowOf(listed: ListedCase): RegistrationRowDto {
    const workflow = this.workflows.get(listed.workflow.id, listed.workflow.version);
    const targets = targetsOf(listed.context.targets ?? listed.data.targets) ?? {
      awardCodes: [],
      pledges: [],
    };
    const registeredOn = listed.context.registeredOn ?? listed.data.registeredOn;
    return {
      caseId: listed.id,
      registrant: { id: listed.subject.id, code: listed.subject.code, name: listed.subject.name },
      kind: listed.subject.kind === 'unit' ? 'unit' : 'individual',
      unit: { id: listed.unitId ?? '', name: listed.unitName },
      targets: {
        awards: targets.awardCodes.map((code) => ({ code, name: this.awardName(code) })),
        pledges: targets.pledges,
      },
      state: listed.state,
      stateLabel: workflow.definition.machine.states[listed.state]?.meta.label ?? {
        vi: listed.state,
        en: listed.state,
      },
      registeredOn: typeof registeredOn === 'string' ? registeredOn : '',
      version: listed.version,
    };
  }

  private awardName(code: string): Localized {
    const award = this.ruleSets
      .latest(this.clock.todayInVietnam())
      .ruleSet.awards.find((candidate) => candidate.code === code);
    return award?.name ?? { vi: code, en: code };
  }
}

function rowRefusal(index: number, error: AppError): RefusedRow {
  return {
    part: 'people',
    index,
    code: error.code,
    message: error.message,
    ...(error.localized ? { localized: error.localized } : {}),
  };
}
