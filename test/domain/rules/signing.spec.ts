import {
  allowedCapacities,
  capacityRefusal,
  signatureBlock,
  type SignedDocument,
  type SigningCapacity,
  type SigningKind,
} from '../../../src/domain/rules/signing';

describe('signing capacity (HD 36-HD/VPTW 2018; Decree 30/2020/NĐ-CP)', () => {
  // kind × capacity × document → refusal reason (null: allowed). Written by hand.
  const table: [SigningKind, SigningCapacity | null, SignedDocument, string | null][] = [
    ['collective', 'T/M', 'award_decision', null],
    ['collective', null, 'award_decision', 'collective_needs_on_behalf'],
    ['collective', 'KT.', 'award_decision', 'collective_needs_on_behalf'],
    ['collective', 'Q.', 'award_decision', 'collective_needs_on_behalf'],
    ['collective', 'TL.', 'award_decision', 'delegation_not_for_awards'],
    ['collective', 'TL.', 'other', null],
    ['head', null, 'award_decision', null],
    ['head', 'KT.', 'award_decision', null],
    ['head', 'Q.', 'award_decision', null],
    ['head', 'T/M', 'award_decision', 'head_signs_in_person'],
    ['head', 'TL.', 'award_decision', 'delegation_not_for_awards'],
    ['head', 'TL.', 'other', null],
    ['head', 'T/M', 'other', 'head_signs_in_person'],
  ];

  it.each(table)('%s signer, capacity %s, on %s → %s', (kind, capacity, document, reason) => {
    const refusal = capacityRefusal(kind, capacity, document);
    expect(refusal?.reason ?? null).toBe(reason);
    if (refusal !== null) {
      expect(refusal.message.vi).not.toBe('');
      expect(refusal.message.en).not.toBe('');
    }
  });

  it('lists what each kind allows', () => {
    expect(allowedCapacities('collective', 'award_decision')).toEqual(['T/M']);
    expect(allowedCapacities('head', 'award_decision')).toEqual([null, 'KT.', 'Q.']);
  });
});

describe('signature block', () => {
  const base = { fullName: 'Trần Xuân Lâm', onBehalfOf: null };

  it.each([
    [
      'a standing committee’s secretary, T/M',
      {
        ...base,
        position: 'Bí thư',
        capacity: 'T/M' as const,
        authorityCode: 'superior_party_standing_committee',
      },
      ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
    ],
    [
      'a cell’s secretary, T/M',
      { ...base, position: 'Bí thư', capacity: 'T/M' as const, authorityCode: 'party_cell' },
      ['T/M CHI BỘ', 'BÍ THƯ'],
    ],
    [
      'a director in person',
      { ...base, position: 'Giám đốc', capacity: null, authorityCode: 'enterprise_director' },
      ['GIÁM ĐỐC'],
    ],
    [
      'a deputy, KT.',
      {
        ...base,
        position: 'Phó Giám đốc',
        capacity: 'KT.' as const,
        authorityCode: 'enterprise_director',
      },
      ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    ],
    [
      'an acting head, Q.',
      {
        ...base,
        position: 'Phó Giám đốc',
        capacity: 'Q.' as const,
        authorityCode: 'enterprise_director',
      },
      ['Q. GIÁM ĐỐC'],
    ],
    [
      'a body named by the registry',
      {
        ...base,
        position: 'Phó Bí thư',
        capacity: 'T/M' as const,
        authorityCode: 'grassroots_party_committee',
        onBehalfOf: 'Ban Chấp hành Đảng bộ',
      },
      ['T/M BAN CHẤP HÀNH ĐẢNG BỘ', 'PHÓ BÍ THƯ'],
    ],
  ])('%s', (_what, signer, title) => {
    expect(signatureBlock(signer)).toEqual({ title, name: 'Trần Xuân Lâm' });
  });
});
