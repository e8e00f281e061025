import type { EmploymentType } from '../domain/org/registry';
import { normaliseName } from '../domain/text/fold';
import type { StoredPerson, StoredUnit } from '../persistence/repositories/organisation.repository';
import { parseBoolean, parseDate, parseEmploymentType } from './cell-values';
import { PERSON_COLUMNS, type PersonField } from './import-vocabulary';
import {
  CODE_MAX_LENGTH,
  findDuplicateCodes,
  NAME_MAX_LENGTH,
  RowChecker,
  sortProblems,
  type RowProblem,
} from './row-checks';
import type { SpreadsheetTable } from './spreadsheet';

/** No one alive in the registry was born earlier; an older year is a typing mistake. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * What a valid row of a people file asks for. An undefined field is one the file has no column
 * for: an existing person keeps their value, a new one gets the default.
 */
interface PersonRow {
  line: number;
  code: string;
  fullName: string;
  unitCode: string;
  employmentType: EmploymentType;
  position?: string | null;
  dateOfBirth?: string | null;
  partyMember?: boolean;
  partyJoinedOn?: string | null;
  active?: boolean;
}

export type PersonChange =
  | { line: number; outcome: 'create'; person: StoredPerson }
  | { line: number; outcome: 'update'; before: StoredPerson; person: StoredPerson }
  | { line: number; outcome: 'unchanged'; person: StoredPerson };

export interface PersonImportPlan {
  changes: PersonChange[];
  problems: RowProblem[];
  /** How many rows the problems keep out. */
  refusedRows: number;
}

export interface PersonPlanContext {
  /** The registry's units whose code the file names. */
  knownUnits: readonly StoredUnit[];
  /** The registry's people whose code the file names. */
  knownPeople: readonly StoredPerson[];
  /** YYYY-MM-DD: no date in the file may be later. */
  today: string;
  now: string;
  newId: () => string;
}

/** The person and unit codes the file names: what to load before planning. */
export function codesNamedIn(table: SpreadsheetTable<PersonField>): {
  personCodes: string[];
  unitCodes: string[];
} {
  const personCodes = new Set<string>();
  const unitCodes = new Set<string>();
  for (const { values } of table.rows) {
    if (values.code && values.code.length <= CODE_MAX_LENGTH) personCodes.add(values.code);
    if (values.unitCode && values.unitCode.length <= CODE_MAX_LENGTH) {
      unitCodes.add(values.unitCode);
    }
  }
  return { personCodes: [...personCodes], unitCodes: [...unitCodes] };
}

/**
 * Decides, without writing anything, what importing the file does: which rows are refused and
 * why, and for the rest whether each creates, updates or leaves a person as they are. Each person
 * belongs to a unit already in the registry.
 */
export function planPersonImport(
  table: SpreadsheetTable<PersonField>,
  context: PersonPlanContext,
): PersonImportPlan {
  const unitsByCode = new Map(context.knownUnits.map((unit) => [unit.code, unit]));
  const peopleByCode = new Map(context.knownPeople.map((person) => [person.code, person]));
  const problems: RowProblem[] = [];
  const planned: { row: PersonRow; check: RowChecker<PersonField> }[] = [];

  for (const spreadsheetRow of table.rows) {
    const check = new RowChecker(spreadsheetRow, PERSON_COLUMNS);
    const row = readPersonRow(check, spreadsheetRow.line, context.today);
    const unitCode = spreadsheetRow.values.unitCode ?? '';
    if (unitCode !== '' && unitCode.length <= CODE_MAX_LENGTH && !unitsByCode.has(unitCode)) {
      check.report(
        'unitCode',
        `No unit with the code "${unitCode}" exists in the registry; import the units first.`,
        `Không có đơn vị mã "${unitCode}" trong danh mục; hãy nhập đơn vị trước.`,
      );
    }
    if (row && check.ok) planned.push({ row, check });
    else problems.push(...check.problems);
  }

  const duplicates = findDuplicateCodes(
    table.rows.map((row) => ({ line: row.line, code: row.values.code ?? '' })),
  );
  problems.push(...duplicates.problems);
  const duplicateLines = new Set(duplicates.problems.map((problem) => problem.line));

  const changes: PersonChange[] = [];
  for (const { row, check } of planned) {
    if (duplicateLines.has(row.line)) continue;
    const existing = peopleByCode.get(row.code) ?? null;
    const person = mergePerson(row, existing, unitsByCode.get(row.unitCode)!, context);
    checkPartyFacts(person, check);
    if (!check.ok) {
      problems.push(...check.problems);
      continue;
    }
    changes.push(changeFor(row.line, existing, person, context.now));
  }

  return {
    changes,
    problems: sortProblems(problems),
    refusedRows: new Set(problems.map((problem) => problem.line)).size,
  };
}

function readPersonRow(
  check: RowChecker<PersonField>,
  line: number,
  today: string,
): PersonRow | null {
  const code = check.text('code', { required: true, maxLength: CODE_MAX_LENGTH });
  const fullName = check.text('fullName', {
    required: true,
    maxLength: NAME_MAX_LENGTH,
    tidy: normaliseName,
  });
  const unitCode = check.text('unitCode', { required: true, maxLength: CODE_MAX_LENGTH });
  const employmentType = check.required('employmentType', parseEmploymentType);
  const dateOfBirth = check.optional('dateOfBirth', parseDate);
  if (dateOfBirth && (dateOfBirth < EARLIEST_BIRTH_DATE || dateOfBirth > today)) {
    check.report(
      'dateOfBirth',
      `The date of birth ${dateOfBirth} must lie between ${EARLIEST_BIRTH_DATE} and today.`,
      `Ngày sinh ${dateOfBirth} phải nằm trong khoảng từ ${EARLIEST_BIRTH_DATE} đến hôm nay.`,
    );
  }
  const partyJoinedOn = check.optional('partyJoinedOn', parseDate);
  if (partyJoinedOn && partyJoinedOn > today) {
    check.report(
      'partyJoinedOn',
      `The party joining date ${partyJoinedOn} is in the future.`,
      `Ngày vào Đảng ${partyJoinedOn} ở tương lai.`,
    );
  }
  // In a party-member column an unticked box (empty cell) means "not a member".
  const partyMember = check.optional('partyMember', parseBoolean);
  if (partyMember !== undefined && !partyMember && partyJoinedOn) {
    reportJoinDateOfNonMember(check);
  } else if (dateOfBirth && partyJoinedOn && partyJoinedOn <= dateOfBirth) {
    reportJoinDateBeforeBirth(check, partyJoinedOn, dateOfBirth);
  }
  // An empty "active" cell says nothing: deactivating someone takes an explicit "không".
  const active = check.optional('active', parseBoolean);
  const position = check.text('position', {
    required: false,
    maxLength: NAME_MAX_LENGTH,
    tidy: normaliseName,
  });
  if (!check.ok || !employmentType) return null;
  const row: PersonRow = { line, code, fullName, unitCode, employmentType };
  if (check.has('position')) row.position = position === '' ? null : position;
  if (dateOfBirth !== undefined) row.dateOfBirth = dateOfBirth;
  if (partyMember !== undefined) row.partyMember = partyMember ?? false;
  if (partyJoinedOn !== undefined) row.partyJoinedOn = partyJoinedOn;
  if (active !== undefined && active !== null) row.active = active;
  return row;
}

function mergePerson(
  row: PersonRow,
  existing: StoredPerson | null,
  unit: StoredUnit,
  context: PersonPlanContext,
): StoredPerson {
  const base: StoredPerson = existing ?? {
    id: context.newId(),
    code: row.code,
    fullName: row.fullName,
    unitId: unit.id,
    position: null,
    dateOfBirth: null,
    partyMember: false,
    partyJoinedOn: null,
    employmentType: row.employmentType,
    active: true,
    demo: false,
    createdAt: context.now,
    updatedAt: context.now,
  };
  return {
    ...base,
    fullName: row.fullName,
    unitId: unit.id,
    employmentType: row.employmentType,
    position: row.position === undefined ? base.position : row.position,
    dateOfBirth: row.dateOfBirth === undefined ? base.dateOfBirth : row.dateOfBirth,
    partyMember: row.partyMember ?? base.partyMember,
    partyJoinedOn: row.partyJoinedOn === undefined ? base.partyJoinedOn : row.partyJoinedOn,
    active: row.active ?? base.active,
  };
}

/**
 * Checked again on the merged record: the file may change one fact and leave the other as the
 * registry has it (a join date for someone stored as a non-member).
 */
function checkPartyFacts(person: StoredPerson, check: RowChecker<PersonField>): void {
  if (person.partyJoinedOn === null) return;
  if (!person.partyMember) {
    reportJoinDateOfNonMember(check);
  } else if (person.dateOfBirth !== null && person.partyJoinedOn <= person.dateOfBirth) {
    reportJoinDateBeforeBirth(check, person.partyJoinedOn, person.dateOfBirth);
  }
}

function reportJoinDateOfNonMember(check: RowChecker<PersonField>): void {
  check.report(
    'partyJoinedOn',
    'A party joining date is given for someone who is not a party member.',
    'Có ngày vào Đảng nhưng người này không phải đảng viên.',
  );
}

function reportJoinDateBeforeBirth(
  check: RowChecker<PersonField>,
  joinedOn: string,
  bornOn: string,
): void {
  check.report(
    'partyJoinedOn',
    `The party joining date ${joinedOn} is not after the date of birth ${bornOn}.`,
    `Ngày vào Đảng ${joinedOn} không sau ngày sinh ${bornOn}.`,
  );
}

function changeFor(
  line: number,
  existing: StoredPerson | null,
  person: StoredPerson,
  now: string,
): PersonChange {
  if (!existing) return { line, outcome: 'create', person };
  if (samePerson(existing, person)) return { line, outcome: 'unchanged', person: existing };
  return { line, outcome: 'update', before: existing, person: { ...person, updatedAt: now } };
}

const samePerson = (a: StoredPerson, b: StoredPerson) =>
  a.fullName === b.fullName &&
  a.unitId === b.unitId &&
  a.position === b.position &&
  a.dateOfBirth === b.dateOfBirth &&
  a.partyMember === b.partyMember &&
  a.partyJoinedOn === b.partyJoinedOn &&
  a.employmentType === b.employmentType &&
  a.active === b.active;
