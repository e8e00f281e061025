import { api } from '../../api/client';
import type { Page } from '../../api/page';
import type { Person } from '../../api/registry';
import type { Language, Localized } from '../../i18n/language';

/*
 * What the registration routes answer (src/registrations/dto/registration.dto.ts). A registration
 * is a case (workflow emulation_registration): decided on its case page through /cases/:id/events.
 */

export const REGISTRATION_STATES = [
  'submitted',
  'returned',
  'approved',
  'refused',
  'withdrawn',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export interface Pledge {
  criterionCode?: string;
  text: string;
}

export interface Targets {
  awardCodes: string[];
  pledges: Pledge[];
}

export interface RegistrationRow {
  caseId: string;
  registrant: { id: string; code: string; name: string };
  kind: 'unit' | 'individual';
  unit: { id: string; name: string | null };
  targets: { awards: { code: string; name: Localized }[]; pledges: Pledge[] };
  state: RegistrationState;
  stateLabel: Localized;
  registeredOn: string;
  version: number;
}

export interface RegistrationList {
  movement: {
    id: string;
    code: string;
    title: string;
    launchingUnitId: string;
    callerDecides: boolean;
  };
  items: RegistrationRow[];
}

export interface RegistrationQuery {
  state?: RegistrationState;
  unitId?: string;
}

export interface BulkRegistration {
  unitId: string;
  registeredOn: string;
  unit?: { targets: Targets };
  people?: { personId: string; targets: Targets }[];
}

export interface BulkResult {
  registrations: {
    caseId: string;
    kind: 'unit' | 'individual';
    subjectId: string;
    state: string;
  }[];
}

/** One refused row of a bulk registration (the problem's `rows`). */
export interface RefusedRow {
  part: 'unit' | 'people';
  index: number;
  code: string;
  message: string;
  localized?: Localized;
}

/** A unit's people, every page (a unit lists a few hundred at most). */
const MAX_PEOPLE_PAGES = 10;

const registrationsPath = (movementId: string) =>
  `/movements/${encodeURIComponent(movementId)}/registrations`;

export const registrationApi = {
  list: (movementId: string, query: RegistrationQuery, signal?: AbortSignal) =>
    api.get<RegistrationList>(registrationsPath(movementId), { ...query }, signal),
  /** The workbook; in English (`lang=en`) for a reader of the English interface. */
  download: (movementId: string, query: RegistrationQuery, lang: Language = 'vi') =>
    api.download(
      `${registrationsPath(movementId)}.xlsx`,
      lang === 'en' ? { ...query, lang } : { ...query },
    ),
  bulk: (movementId: string, body: BulkRegistration) =>
    api.post<BulkResult>(`${registrationsPath(movementId)}/bulk`, body),
  async people(unitId: string, signal?: AbortSignal): Promise<Person[]> {
    const people: Person[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PEOPLE_PAGES; page++) {
      const answer = await api.get<Page<Person>>(
        '/people',
        { unitId, limit: 100, ...(cursor ? { cursor } : {}) },
        signal,
      );
      people.push(...answer.items);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    return people;
  },
};
