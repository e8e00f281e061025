import type { Localized } from '../localized';
import type { Authority } from './rule-set';

/**
 * Who signs a decision and in what capacity (issue 17 item 5). A collective body (a Party
 * committee, its standing committee, a Party cell) decides together: its secretary or a deputy
 * signs on its behalf, "T/M BAN THƯỜNG VỤ" (HD 36-HD/VPTW, 2018, on Party documents). A head (an
 * enterprise's director, a chair) signs in person; a deputy signs "KT. <TITLE>" for the head, an
 * acting head "Q. <TITLE>" (Decree 30/2020/NĐ-CP, Art 13 and Appendix I, on State documents).
 * "TL." signs by delegation administrative papers only, never the decision that grants an award.
 *
 * UNCONFIRMED: that a Party standing committee may not delegate signing an award decision "T.L"
 * (HD 36-HD/VPTW lists T.L for Party documents generally; we refuse it for awards as Decree 30/2020
 * does for State ones), and the printed names of the bodies below (the usual forms, e.g. "T/M BAN
 * THƯỜNG VỤ", "T/M CHI BỘ"; a deployment sets its own per signer, `onBehalfOf`).
 */

export const SIGNING_CAPACITIES = ['T/M', 'KT.', 'TL.', 'Q.'] as const;
export type SigningCapacity = (typeof SIGNING_CAPACITIES)[number];
export type SigningKind = 'collective' | 'head';

/** What the document is: an award decision refuses delegation; other papers allow it. */
export type SignedDocument = 'award_decision' | 'other';

export function signingOf(authority: Pick<Authority, 'signing'>): SigningKind {
  return authority.signing ?? 'head';
}

/** The capacities a signer for an authority of this kind may have, for this kind of document. */
export function allowedCapacities(
  kind: SigningKind,
  document: SignedDocument,
): (SigningCapacity | null)[] {
  const delegated: (SigningCapacity | null)[] = document === 'other' ? ['TL.'] : [];
  return kind === 'collective' ? ['T/M', ...delegated] : [null, 'KT.', 'Q.', ...delegated];
}

export interface CapacityRefusal {
  reason: 'collective_needs_on_behalf' | 'head_signs_in_person' | 'delegation_not_for_awards';
  message: Localized;
}

/** Null when a signer of this capacity may sign this document for an authority of this kind. */
export function capacityRefusal(
  kind: SigningKind,
  capacity: SigningCapacity | null,
  document: SignedDocument,
): CapacityRefusal | null {
  if (allowedCapacities(kind, document).includes(capacity)) return null;
  if (capacity === 'TL.') {
    return {
      reason: 'delegation_not_for_awards',
      message: {
        vi: 'Quyết định khen thưởng không ký thừa lệnh (TL.): chỉ người có thẩm quyền, cấp phó ký thay (KT.) hoặc quyền (Q.), hay ký thay mặt (T/M) tập thể lãnh đạo.',
        en: 'An award decision is not signed by delegation (TL.): only the competent person, a deputy for them (KT.), an acting head (Q.), or on behalf of (T/M) a collective body.',
      },
    };
  }
  if (kind === 'collective') {
    return {
      reason: 'collective_needs_on_behalf',
      message: {
        vi: 'Tập thể lãnh đạo (cấp ủy, ban thường vụ, chi bộ) quyết định: người ký phải ký thay mặt (T/M).',
        en: 'A collective body (a Party committee, its standing committee, a cell) decides: its signer signs on its behalf (T/M).',
      },
    };
  }
  return {
    reason: 'head_signs_in_person',
    message: {
      vi: 'Thủ trưởng quyết định: người ký là thủ trưởng (không ghi thẩm quyền), cấp phó ký thay (KT.) hoặc người giữ quyền (Q.), không ký thay mặt (T/M).',
      en: 'A head decides: the signer is the head (no capacity), a deputy (KT.) or an acting head (Q.), never on behalf of a body (T/M).',
    },
  };
}

/**
 * The usual printed name of the body a collective signer signs for, or of the head a deputy or an
 * acting head signs for, by authority code (UNCONFIRMED, see above; a signer's `onBehalfOf` wins).
 */
const DEFAULT_ON_BEHALF_OF: Readonly<Record<string, string>> = {
  party_cell: 'CHI BỘ',
  grassroots_party_committee: 'ĐẢNG ỦY',
  superior_party_standing_committee: 'BAN THƯỜNG VỤ',
  provincial_party_standing_committee: 'BAN THƯỜNG VỤ',
  prime_minister: 'THỦ TƯỚNG',
  minister: 'BỘ TRƯỞNG',
  provincial_chair: 'CHỦ TỊCH',
  commune_chair: 'CHỦ TỊCH',
  unit_head: 'THỦ TRƯỞNG',
  enterprise_director: 'GIÁM ĐỐC',
  board_chair: 'CHỦ TỊCH HỘI ĐỒNG QUẢN TRỊ',
};

export function defaultOnBehalfOf(authorityCode: string): string | null {
  return DEFAULT_ON_BEHALF_OF[authorityCode] ?? null;
}

export interface SignerForBlock {
  fullName: string;
  /** The signer's own position, e.g. "Phó Bí thư", "Giám đốc". */
  position: string;
  capacity: SigningCapacity | null;
  /** The body (T/M) or the head's title (KT., Q., TL.); null: the authority's usual name. */
  onBehalfOf: string | null;
  authorityCode: string;
}

/**
 * The signature block as printed, top to bottom, above and below the room left for the hand
 * signature and the seal: the capacity line ("T/M BAN THƯỜNG VỤ", "KT. GIÁM ĐỐC", "Q. GIÁM ĐỐC"),
 * the signer's position ("PHÓ BÍ THƯ"), then the name. An acting head's line names the office held.
 */
export function signatureBlock(signer: SignerForBlock): { title: string[]; name: string } {
  const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi-VN');
  const position = upper(signer.position);
  const behalf = upper(signer.onBehalfOf ?? defaultOnBehalfOf(signer.authorityCode) ?? position);
  const title =
    signer.capacity === null
      ? [position]
      : signer.capacity === 'Q.'
        ? [`Q. ${behalf}`]
        : [`${signer.capacity} ${behalf}`, position];
  return { title, name: signer.fullName };
}
