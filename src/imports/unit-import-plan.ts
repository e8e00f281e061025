import { MAX_UNIT_DEPTH } from '../domain/org/scope';
import { childPath, deepestAfterMove, type UnitPath } from '../domain/org/scope';
import type { UnitKind } from '../domain/org/registry';
import { normaliseName } from '../domain/text/fold';
import type { StoredUnit } from '../persistence/repositories/organisation.repository';
import { parseBoolean, parseUnitKind } from './cell-values';
import { UNIT_COLUMNS, type UnitField } from './import-vocabulary';
import {
  CODE_MAX_LENGTH,
  findDuplicateCodes,
  NAME_MAX_LENGTH,
  RowChecker,
  sortProblems,
  type RowProblem,
} from './row-checks';
import type { SpreadsheetTable } from './spreadsheet';

/** What a valid row of a unit file asks for. */
interface UnitRow {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /** Undefined when the file does not say: an existing unit keeps its state, a new one is active. */
  active: boolean | undefined;
}

export type UnitChange =
  | { line: number; outcome: 'create'; unit: StoredUnit }
  | {
      line: number;
      outcome: 'update';
      before: StoredUnit;
      unit: StoredUnit;
      /** The unit's path before this change when it moves: its subtree moves with it. */
      movedFrom: UnitPath | null;
    }
  | { line: number; outcome: 'unchanged'; unit: StoredUnit };

export interface UnitImportPlan {
  /** Parents before children, so each unit's parent path is known when the unit is written. */
  changes: UnitChange[];
  problems: RowProblem[];
  /** How many rows the problems keep out. */
  refusedRows: number;
}

export interface UnitPlanContext {
  /** The registry's units whose code the file names, as a row or as a parent. */
  knownUnits: readonly StoredUnit[];
  /**
   * By unit id, the depth of the deepest unit in the registry subtree of each known unit the file
   * moves (see `unitsMovedIn`): the units below it that the file does not list move with it. A
   * unit left out is taken to have nothing below it.
   */
  deepestUnder?: ReadonlyMap<string, number>;
  now: string;
  newId: () => string;
}

/** Every code the file names, as a unit or a parent: the units to load before planning. */
export function unitCodesNamedIn(table: SpreadsheetTable<UnitField>): string[] {
  const codes = new Set<string>();
  for (const { values } of table.rows) {
    for (const code of [values.code, values.parentCode]) {
      if (code && code.length <= CODE_MAX_LENGTH) codes.add(code);
    }
  }
  return [...codes];
}

/**
 * The registry units the file gives another parent (valid rows or not: reading a few too many is
 * harmless). Each takes its registry subtree along, so how deep that subtree reaches is read
 * before planning, for `UnitPlanContext.deepestUnder`; a unit that stays under its parent moves
 * only if an ancestor does, whose subtree includes it.
 */
export function unitsMovedIn(
  table: SpreadsheetTable<UnitField>,
  knownUnits: readonly StoredUnit[],
): StoredUnit[] {
  const known = new Map(knownUnits.map((unit) => [unit.code, unit]));
  const moved = new Map<string, StoredUnit>();
  for (const { values } of table.rows) {
    const unit = known.get(values.code ?? '');
    if (!unit) continue;
    const parentCode = values.parentCode ?? '';
    // A parent that is not in the registry (new in the file, or nowhere) is a move too.
    const parentId = parentCode === '' ? null : known.get(parentCode)?.id;
    if (parentId !== unit.parentId) moved.set(unit.id, unit);
  }
  return [...moved.values()];
}

/**
 * Decides, without writing anything, what importing the file does: which rows are refused and
 * why, and for the rest whether each creates, updates (possibly moving a subtree) or leaves a unit
 * as it is. A parent may be defined anywhere in the file or already be in the registry.
 */
export function planUnitImport(
  table: SpreadsheetTable<UnitField>,
  context: UnitPlanContext,
): UnitImportPlan {
  const known = new Map(context.knownUnits.map((unit) => [unit.code, unit]));
  const { rows, problems } = readUnitRows(table);
  const duplicates = findDuplicateCodes(
    table.rows.map((row) => ({ line: row.line, code: row.values.code ?? '' })),
  );
  problems.push(...duplicates.problems);
  problems.push(...parentsFoundNowhere(table, duplicates.firstLineByCode, known));

  const hierarchy = new FileHierarchy(
    rows,
    known,
    context.deepestUnder ?? new Map(),
    duplicates.firstLineByCode,
    problems,
  );
  hierarchy.refuseRowsThatCannotBePlaced();
  const accepted = hierarchy.acceptedParentsFirst();

  const refusedRows = new Set(problems.map((problem) => problem.line)).size;
  return {
    changes: planChanges(accepted, known, context),
    problems: sortProblems(problems),
    refusedRows,
  };
}

function readUnitRows(table: SpreadsheetTable<UnitField>): {
  rows: UnitRow[];
  problems: RowProblem[];
} {
  const rows: UnitRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of table.rows) {
    const check = new RowChecker(row, UNIT_COLUMNS);
    const code = check.text('code', { required: true, maxLength: CODE_MAX_LENGTH });
    const name = check.text('name', {
      required: true,
      maxLength: NAME_MAX_LENGTH,
      tidy: normaliseName,
    });
    const kind = check.required('kind', parseUnitKind);
    const parentCode = check.text('parentCode', { required: false, maxLength: CODE_MAX_LENGTH });
    if (parentCode !== '' && parentCode === code) {
      check.report(
        'parentCode',
        'A unit cannot be its own parent.',
        'Đơn vị không thể là cấp trên của chính nó.',
      );
    }
    const active = check.optional('active', parseBoolean);
    if (check.ok && kind) {
      rows.push({
        line: row.line,
        code,
        name,
        kind,
        parentCode: parentCode === '' ? null : parentCode,
        active: active ?? undefined,
      });
    }
    problems.push(...check.problems);
  }
  return { rows, problems };
}

/** Checked on every row, valid or not, so a file with a wrong parent code says so at once. */
function parentsFoundNowhere(
  table: SpreadsheetTable<UnitField>,
  fileCodes: Map<string, number>,
  known: Map<string, StoredUnit>,
): RowProblem[] {
  return table.rows.flatMap(({ line, values }) => {
    const parent = values.parentCode ?? '';
    if (parent === '' || parent.length > CODE_MAX_LENGTH || parent === values.code) return [];
    if (fileCodes.has(parent) || known.has(parent)) return [];
    return [
      {
        line,
        field: 'parentCode',
        message: `No unit with the code "${parent}" exists in the file or in the registry.`,
        messageVi: `Không có đơn vị mã "${parent}" trong tệp hay trong danh mục.`,
      },
    ];
  });
}

/** One step up from a file unit: the next file unit above it, through however many others. */
interface Hop {
  next: string | null;
  /** Registry units (not in the file) passed on the way. */
  levelsBetween: number;
}

/**
 * The tree the accepted rows would form together with the registry. Refusing a row can make
 * others unplaceable (its children, or a cycle that appears once it keeps its registry place),
 * so the checks repeat until nothing more is refused.
 */
class FileHierarchy {
  private accepted: UnitRow[];
  private readonly refusedLines = new Set<number>();

  constructor(
    rows: UnitRow[],
    private readonly known: Map<string, StoredUnit>,
    private readonly deepestUnder: ReadonlyMap<string, number>,
    private readonly firstLineByCode: Map<string, number>,
    private readonly problems: RowProblem[],
  ) {
    for (const problem of problems) this.refusedLines.add(problem.line);
    this.accepted = rows.filter((row) => !this.refusedLines.has(row.line));
  }

  refuseRowsThatCannotBePlaced(): void {
    for (;;) {
      const refusedBefore = this.refusedLines.size;
      // Each check assumes every accepted row's parent is accepted or in the registry.
      this.refuseOrphans();
      this.refuseCycles();
      this.refuseOrphans();
      this.refuseTooDeep();
      if (this.refusedLines.size === refusedBefore) return;
    }
  }

  /** Accepted rows ordered by depth, which puts every parent before its children. */
  acceptedParentsFirst(): UnitRow[] {
    const depths = this.depths();
    return [...this.accepted].sort((a, b) => depths.get(a.code)! - depths.get(b.code)!);
  }

  private refuse(row: UnitRow, field: UnitField, message: string, messageVi: string): void {
    this.problems.push({ line: row.line, field, message, messageVi });
    this.refusedLines.add(row.line);
  }

  private keepAccepted(): void {
    this.accepted = this.accepted.filter((row) => !this.refusedLines.has(row.line));
  }

  private refuseOrphans(): void {
    for (;;) {
      const acceptedCodes = new Set(this.accepted.map((row) => row.code));
      let refused = false;
      for (const row of this.accepted) {
        const parent = row.parentCode;
        // A parent already in the registry stays where it is even if its own row is refused.
        if (parent === null || acceptedCodes.has(parent) || this.known.has(parent)) continue;
        // Parents found nowhere are refused before; this one is a refused row of the file.
        const parentLine = this.firstLineByCode.get(parent);
        this.refuse(
          row,
          'parentCode',
          `The parent unit "${parent}" (line ${parentLine}) is not imported because its row has errors.`,
          `Đơn vị cấp trên "${parent}" (dòng ${parentLine}) không được nhập vì dòng đó có lỗi.`,
        );
        refused = true;
      }
      this.keepAccepted();
      if (!refused) return;
    }
  }

  private refuseCycles(): void {
    const hops = this.hops();
    const finished = new Set<string>();
    const cycles: string[][] = [];
    for (const start of hops.keys()) {
      const walk: string[] = [];
      const onWalk = new Map<string, number>();
      let current: string | null = start;
      while (current !== null && !finished.has(current)) {
        const seenAt = onWalk.get(current);
        if (seenAt !== undefined) {
          cycles.push(walk.slice(seenAt));
          break;
        }
        onWalk.set(current, walk.length);
        walk.push(current);
        current = hops.get(current)!.next;
      }
      for (const code of walk) finished.add(code);
    }
    const byCode = this.acceptedByCode();
    for (const cycle of cycles) {
      const loop = describeCycle(cycle, byCode, hops);
      for (const code of cycle) {
        this.refuse(
          byCode.get(code)!,
          'parentCode',
          `The parent links form a cycle: ${loop}.`,
          `Quan hệ cấp trên tạo thành vòng lặp: ${loop}.`,
        );
      }
    }
    this.keepAccepted();
  }

  /**
   * The unit itself, and the registry units below a unit the file moves, which go with it (as
   * deep as they were below it, counted as the admin's move of the unit counts them).
   */
  private refuseTooDeep(): void {
    const depths = this.depths();
    for (const row of this.accepted) {
      const depth = depths.get(row.code)!;
      if (depth > MAX_UNIT_DEPTH) {
        this.refuse(
          row,
          'parentCode',
          `The unit would be ${depth} levels deep; at most ${MAX_UNIT_DEPTH} are possible.`,
          `Đơn vị sẽ nằm ở cấp ${depth}; tối đa ${MAX_UNIT_DEPTH} cấp.`,
        );
        continue;
      }
      const existing = this.known.get(row.code);
      const deepestBefore = existing && this.deepestUnder.get(existing.id);
      if (!existing || deepestBefore === undefined) continue;
      const deepest = deepestAfterMove(existing.path, deepestBefore, depth);
      if (deepest > MAX_UNIT_DEPTH) {
        this.refuse(
          row,
          'parentCode',
          `The deepest unit below it would be ${deepest} levels deep; at most ${MAX_UNIT_DEPTH} are possible.`,
          `Đơn vị cấp dưới sâu nhất của nó sẽ nằm ở cấp ${deepest}; tối đa ${MAX_UNIT_DEPTH} cấp.`,
        );
      }
    }
    this.keepAccepted();
  }

  private acceptedByCode(): Map<string, UnitRow> {
    return new Map(this.accepted.map((row) => [row.code, row]));
  }

  /**
   * Where each accepted row leads upwards. Through a registry parent, the chain continues at the
   * nearest ancestor that the file also moves, if any: above it the file decides, below it the
   * registry does.
   */
  private hops(): Map<string, Hop> {
    const byCode = this.acceptedByCode();
    const codeByExistingId = new Map<string, string>();
    for (const row of this.accepted) {
      const existing = this.known.get(row.code);
      if (existing) codeByExistingId.set(existing.id, row.code);
    }
    const hops = new Map<string, Hop>();
    for (const row of this.accepted) {
      hops.set(row.code, this.hopFrom(row, byCode, codeByExistingId));
    }
    return hops;
  }

  private hopFrom(
    row: UnitRow,
    byCode: Map<string, UnitRow>,
    codeByExistingId: Map<string, string>,
  ): Hop {
    if (row.parentCode === null) return { next: null, levelsBetween: 0 };
    if (byCode.has(row.parentCode)) return { next: row.parentCode, levelsBetween: 0 };
    const ancestorIds = idsOnPath(this.known.get(row.parentCode)!.path);
    for (let index = ancestorIds.length - 1; index >= 0; index -= 1) {
      const code = codeByExistingId.get(ancestorIds[index]);
      if (code !== undefined) {
        return { next: code, levelsBetween: ancestorIds.length - 1 - index };
      }
    }
    return { next: null, levelsBetween: ancestorIds.length };
  }

  /** Depth of each accepted unit (a root is 1); call only once cycles are refused. */
  private depths(): Map<string, number> {
    const hops = this.hops();
    const depths = new Map<string, number>();
    for (const start of hops.keys()) {
      const chain: string[] = [];
      let current: string | null = start;
      while (current !== null && !depths.has(current)) {
        chain.push(current);
        current = hops.get(current)!.next;
      }
      let depth = current === null ? 0 : depths.get(current)!;
      for (const code of chain.reverse()) {
        depth += 1 + hops.get(code)!.levelsBetween;
        depths.set(code, depth);
      }
    }
    return depths;
  }
}

/** `"A" → "B" → "A"`, with the registry units the loop passes through: `"A" → "X" → … → "A"`. */
function describeCycle(
  cycle: string[],
  byCode: Map<string, UnitRow>,
  hops: Map<string, Hop>,
): string {
  const steps = [`"${cycle[0]}"`];
  cycle.forEach((code, index) => {
    const next = cycle[(index + 1) % cycle.length];
    const { levelsBetween } = hops.get(code)!;
    if (levelsBetween > 0) steps.push(`"${byCode.get(code)!.parentCode}"`);
    if (levelsBetween > 1) steps.push('…');
    steps.push(`"${next}"`);
  });
  return steps.join(' → ');
}

function idsOnPath(path: UnitPath): string[] {
  return path.split('/').filter((id) => id !== '');
}

/**
 * The writes, in order. Moving a unit rewrites the paths of its whole subtree, including units
 * this file updates later, so current paths are tracked as the plan goes.
 */
function planChanges(
  rows: UnitRow[],
  known: Map<string, StoredUnit>,
  context: UnitPlanContext,
): UnitChange[] {
  const paths = new CurrentPaths(context.knownUnits, context.now);
  const placedByCode = new Map<string, { id: string; path: UnitPath }>();
  return rows.map((row): UnitChange => {
    const existing = known.get(row.code);
    const id = existing?.id ?? context.newId();
    const parent = row.parentCode === null ? null : parentOf(row.parentCode);
    const fields = {
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
    };
    placedByCode.set(row.code, { id, path: fields.path });
    if (!existing) {
      const unit: StoredUnit = {
        id,
        ...fields,
        active: row.active ?? true,
        demo: false,
        createdAt: context.now,
        updatedAt: context.now,
      };
      return { line: row.line, outcome: 'create', unit };
    }
    const before = paths.current(existing);
    const unit: StoredUnit = { ...before, ...fields, active: row.active ?? before.active };
    if (sameUnit(before, unit)) return { line: row.line, outcome: 'unchanged', unit: before };
    unit.updatedAt = context.now;
    const movedFrom = before.path === unit.path ? null : before.path;
    if (movedFrom !== null) paths.move(movedFrom, unit.path);
    return { line: row.line, outcome: 'update', before, unit, movedFrom };
  });

  function parentOf(code: string): { id: string; path: UnitPath } {
    const placed = placedByCode.get(code);
    if (placed) return placed;
    const unit = paths.current(known.get(code)!);
    return { id: unit.id, path: unit.path };
  }
}

const sameUnit = (a: StoredUnit, b: StoredUnit) =>
  a.code === b.code &&
  a.name === b.name &&
  a.kind === b.kind &&
  a.parentId === b.parentId &&
  a.path === b.path &&
  a.active === b.active;

/** The registry's units as they stand after the moves planned so far. */
class CurrentPaths {
  private readonly pathById = new Map<string, UnitPath>();
  private readonly movedIds = new Set<string>();

  constructor(
    units: readonly StoredUnit[],
    private readonly now: string,
  ) {
    for (const unit of units) this.pathById.set(unit.id, unit.path);
  }

  current(unit: StoredUnit): StoredUnit {
    const path = this.pathById.get(unit.id) ?? unit.path;
    return this.movedIds.has(unit.id) ? { ...unit, path, updatedAt: this.now } : { ...unit, path };
  }

  move(from: UnitPath, to: UnitPath): void {
    for (const [id, path] of this.pathById) {
      if (path.startsWith(from)) {
        this.pathById.set(id, to + path.slice(from.length));
        this.movedIds.add(id);
      }
    }
  }
}
