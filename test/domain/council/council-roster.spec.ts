import {
  COUNCIL_BODIES,
  COUNCIL_BODY_NAMES,
  isCouncilBody,
  rosterOn,
  unitChainNearestFirst,
  type CouncilMember,
} from '../../../src/domain/council/council-roster';

const term = (personId: string, from: string, to: string | null): CouncilMember => ({
  id: personId,
  councilId: 'council',
  personId,
  role: 'member',
  from,
  to,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('council roster', () => {
  test('a roster on a day holds the terms covering it, both ends inclusive', () => {
    const terms = [
      term('ended', '2025-01-01', '2025-06-30'),
      term('open', '2025-07-01', null),
      term('later', '2025-08-01', null),
    ];
    expect(rosterOn(terms, '2025-06-30').map((t) => t.personId)).toEqual(['ended']);
    expect(rosterOn(terms, '2025-07-01').map((t) => t.personId)).toEqual(['open']);
    expect(rosterOn(terms, '2025-08-01').map((t) => t.personId)).toEqual(['open', 'later']);
    expect(rosterOn(terms, '2024-12-31')).toEqual([]);
  });

  test.each([
    ['/khoi/so/chi-bo/', ['chi-bo', 'so', 'khoi']],
    ['/khoi/', ['khoi']],
    ['/', []],
  ])('the units to look in for %s, nearest first', (path, chain) => {
    expect(unitChainNearestFirst(path)).toEqual(chain);
  });

  test('the bodies are a closed list, each named in both languages', () => {
    expect(COUNCIL_BODIES).toEqual([
      'emulation_council',
      'party_cell',
      'grassroots_party_committee',
      'superior_party_committee',
      'discipline_council',
    ]);
    expect(COUNCIL_BODY_NAMES.party_cell).toEqual({ vi: 'Chi bộ', en: 'Party cell' });
    expect(isCouncilBody('discipline_council')).toBe(true);
    expect(isCouncilBody('head_of_agency')).toBe(false);
    expect(isCouncilBody('toString')).toBe(false);
  });
});
