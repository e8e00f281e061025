import {
  parseDecisionDate,
  vietnameseLongDate,
  vietnameseShortDate,
} from '../outputs/award-decision';
import type { DocumentDataByKind, DocumentKind, DocumentSigner } from './document-kinds';
import { fill, type PlaceholderContext } from './placeholders';
import type { DocumentTemplate } from './template';

/**
 * What a template's placeholders can name: the document's data as given, and what is derived from
 * it the same way for every template —
 * - `documentNumber`: the number as given when it is whole ("12-QĐ/ĐUK"), or a bare sequence
 *   ("12") written with the template's `numberPattern`;
 * - `dated.placeAndDate` ("Tam Kỳ, ngày 03 tháng 12 năm 2026"), `dated.long` ("ngày 03 tháng 12 năm 2026", Decree 30/2020 Annex I: a leading zero on days
 *   below 10 and months 1 and 2), `dated.numeric` ("03/12/2026"), `dated.day`, `dated.month`,
 *   `dated.year`;
 * - `signer.title1`, `signer.title2`: the signer's title block (see signerTitleLines);
 * - `signer.authority`: who the document is issued by, "Ban Thường vụ" (a body signed for) or
 *   the signer's own position.
 */
export function documentContext<K extends DocumentKind>(
  template: DocumentTemplate,
  data: DocumentDataByKind[K],
): PlaceholderContext {
  const parsed = parseDecisionDate(data.date);
  const [title1 = '', title2 = ''] = signerTitleLines(data.signer);
  const base: Record<string, unknown> = {
    ...data,
    dated: {
      long: vietnameseLongDate(data.date),
      // "Tam Kỳ, ngày 03 tháng 12 năm 2026"; without a recorded place, "Ngày 03 tháng 12 năm 2026".
      placeAndDate:
        data.issuer.place.trim() === ''
          ? `N${vietnameseLongDate(data.date).slice(1)}`
          : `${data.issuer.place.trim()}, ${vietnameseLongDate(data.date)}`,
      numeric: vietnameseShortDate(data.date),
      day: String(parsed.day).padStart(2, '0'),
      month: parsed.month <= 2 ? String(parsed.month).padStart(2, '0') : String(parsed.month),
      year: String(parsed.year),
    },
    signer: {
      ...data.signer,
      title1,
      title2,
      authority: data.signer.body ?? data.signer.position,
    },
  };
  base.documentNumber = /^\d+$/.test(data.number)
    ? fill(template.numberPattern, { ...base, sequence: data.number }).text
    : data.number;
  return base;
}

/**
 * The lines above a signature, upper case (Decree 30/2020/NĐ-CP Art 13 and Annex I; HD
 * 36-HD/VPTW for Party bodies): in the signer's own name, the position alone ("GIÁM ĐỐC");
 * for a collective body, "T/M BAN THƯỜNG VỤ" then the signer's position ("BÍ THƯ"); for a deputy,
 * "KT. GIÁM ĐỐC" then "PHÓ GIÁM ĐỐC"; by delegation, "TL. GIÁM ĐỐC" then "CHÁNH VĂN PHÒNG";
 * acting, "Q. GIÁM ĐỐC" alone when no body is named.
 */
export function signerTitleLines(signer: DocumentSigner): string[] {
  const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi-VN');
  if (signer.position.trim() === '' && signer.capacity === null) return [];
  if (signer.capacity === null) return [upper(signer.position)];
  if (signer.body === undefined || signer.body.trim() === '') {
    return [upper(`${signer.capacity} ${signer.position}`)];
  }
  return [upper(`${signer.capacity} ${signer.body}`), upper(signer.position)];
}
