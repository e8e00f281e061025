import type { UnitPath } from '../domain/org/scope';
import type { Database } from '../persistence/database';
import { escapeLike, param } from '../persistence/sql';

export const EXPORT_COVERAGE_REPOSITORY = Symbol('ExportCoverageRepository');

/** The case-level part of an export's filter: which cases it is about (records aside). */
export interface CaseSelection {
  /** Cases of units in these subtrees; null = every unit. */
  scopes: UnitPath[] | null;
  caseId?: string;
  subjectPersonId?: string;
  subjectUnitId?: string;
}

/**
 * Which cases a scoped export covers, so its checkpoints prove those cases' heads and no other's.
 * Read from the cases table, not from the records exported: a case whose records went missing is
 * still covered, and its proof then shows that it is missing.
 */
export interface ExportCoverageRepository {
  caseIdsOf(selection: CaseSelection): Promise<Set<string>>;
}

/**
 * The same narrowing as the audit trail's event filter (TypeOrmAuditTrailRepository.filtered), on
 * the cases alone. It lives with the export rather than in src/persistence because only the
 * export asks this question.
 */
export class SqlExportCoverageRepository implements ExportCoverageRepository {
  constructor(private readonly database: Database) {}

  async caseIdsOf(selection: CaseSelection): Promise<Set<string>> {
    const { dialect } = this.database;
    const values: unknown[] = [];
    const value = (v: unknown) => {
      values.push(v);
      return param(dialect, values.length);
    };
    const conditions: string[] = [];
    if (selection.scopes !== null) {
      const inScope = selection.scopes.map(
        (scope) => `u.path LIKE ${value(`${escapeLike(scope)}%`)} ESCAPE '\\'`,
      );
      conditions.push(inScope.length ? `(${inScope.join(' OR ')})` : '1 = 0');
    }
    if (selection.caseId) conditions.push(`c.id = ${value(selection.caseId)}`);
    if (selection.subjectPersonId) {
      conditions.push(`c.subject_person_id = ${value(selection.subjectPersonId)}`);
    }
    if (selection.subjectUnitId) {
      conditions.push(
        `(c.subject_person_id IS NULL AND c.unit_id = ${value(selection.subjectUnitId)})`,
      );
    }
    const where = conditions.length ? conditions.join(' AND ') : '1 = 1';
    const rows: { id: unknown }[] = await this.database.read((manager) =>
      manager.query(
        `SELECT c.id FROM cases c LEFT JOIN units u ON u.id = c.unit_id WHERE ${where}`,
        values,
      ),
    );
    return new Set(rows.map((row) => String(row.id)));
  }
}
