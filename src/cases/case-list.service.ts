import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { foldForSearch } from '../domain/text/fold';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { unitNotFound } from '../organisation/organisation-errors';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type DataMatch,
  type ListedCase,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type { Page } from '../persistence/repositories/page';
import { CASE_READERS, readableFilter, readingOf, workFilter } from './case-access';
import { caseViewFor } from './case-queries.service';
import { toExistenceView, type CaseExistenceView, type CaseView } from './case-view';
import type { ListCasesQuery } from './dto/case.dto';
import { CaseListFacets, type ListedAward } from './plugins/case-list-facets';

/** Matches no case: the id of no person (a UUID's nil value). */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';

/** A case as a list shows it: its view for this caller, its unit, and its award and year if any. */
export interface CaseListItem extends CaseView {
  unit: { id: string; name: string | null } | null;
  award: ListedAward | null;
  year: number | null;
}

/** A need-to-know case its reader only knows to exist: its state and its unit, nothing more. */
export interface CaseExistenceListItem extends CaseExistenceView {
  unit: { id: string; name: string | null } | null;
}

/**
 * The case lists: everything the caller may read, narrowed by filters, newest first, in keyset
 * pages. Every filter is answered by the database, so a page is always full when more exist.
 */
@Injectable()
export class CaseListQueries {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly facets: CaseListFacets,
  ) {}

  async list(
    principal: Principal,
    query: ListCasesQuery,
  ): Promise<Page<CaseListItem | CaseExistenceListItem>> {
    const dataMatches: DataMatch[] = [];
    if (query.award !== undefined) {
      dataMatches.push({ keyByCaseType: this.facets.keysOf('award'), value: query.award });
    }
    if (query.year !== undefined) {
      dataMatches.push({ keyByCaseType: this.facets.keysOf('year'), value: String(query.year) });
    }
    const page = await this.cases.list({
      scopes: null,
      readable: readableFilter(principal, this.catalogue.all()),
      caseType: query.type,
      state: query.state,
      unitPath:
        query.unitId === undefined ? undefined : await this.unitPathFor(principal, query.unitId),
      // A user linked to no person is the subject of no case.
      aboutPersonId: query.aboutMe === true ? (principal.personId ?? NO_PERSON) : undefined,
      subjectSearch: query.q === undefined ? undefined : foldForSearch(query.q),
      dataMatches,
      work:
        query.actionable === undefined
          ? undefined
          : workFilter(principal, this.catalogue.all(), query.actionable),
      cursor: query.cursor,
      limit: query.limit ?? 20,
    });
    return {
      items: page.items.map((listed) => this.itemFor(listed, principal)),
      nextCursor: page.nextCursor,
    };
  }

  private itemFor(listed: ListedCase, principal: Principal): CaseListItem | CaseExistenceListItem {
    const workflow = this.catalogue.get(listed.workflow.id, listed.workflow.version);
    const unit = listed.unitId === null ? null : { id: listed.unitId, name: listed.unitName };
    // The database found it readable; only the depth of the reading is decided here.
    if (readingOf(principal, listed, workflow.definition.access) !== 'full') {
      return { ...toExistenceView(listed, workflow), unit };
    }
    return {
      ...caseViewFor(listed, workflow, principal),
      unit,
      ...this.facets.describe(listed),
    };
  }

  /** A unit the caller reads no case in answers exactly like one that does not exist. */
  private async unitPathFor(principal: Principal, unitId: string): Promise<string> {
    const unit = await this.organisation.findUnitById(unitId);
    const readsCasesThere =
      unit !== null && rolesAt(principal.grants, unit.path).some((r) => CASE_READERS.includes(r));
    if (!readsCasesThere) throw unitNotFound(unitId);
    return unit.path;
  }
}
