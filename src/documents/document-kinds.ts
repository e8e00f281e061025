/**
 * The official documents rendered from templates (data/templates/<kind>.<format>.json) and the
 * data each is filled from. Pure types: the proposals, nominations and councils features build
 * these and hand them to DocumentRenderer; the templates decide the layout.
 */

export type DocumentKind = 'proposal_letter' | 'award_decision' | 'certificate' | 'council_minutes';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'proposal_letter',
  'award_decision',
  'certificate',
  'council_minutes',
];

/** Party documents follow HD 36-HD/VPTW (2018); State ones Decree 30/2020/NĐ-CP. */
export type DocumentFormat = 'party' | 'state';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['party', 'state'];

export interface DocumentIssuer {
  format: DocumentFormat;
  /** The body above the issuer, printed over its name ("ĐẢNG BỘ TỈNH …", "UBND TỈNH …"). */
  parentBody?: string;
  name: string;
  /** The number series' symbol: "ĐUK" gives "Số 12-QĐ/ĐUK" (Party) or "Số: 12/QĐ-ĐUK" (State). */
  series: string;
  /** Where it is signed, for the place-and-date line ("Hà Nội"). */
  place: string;
}

/** The capacity a signer signs in (Decree 30/2020 Art 13; HD 36-HD/VPTW); null: in their own name. */
export type SignerCapacity = 'T/M' | 'KT.' | 'TL.' | 'Q.';

export interface DocumentSigner {
  capacity: SignerCapacity | null;
  /** The collective body signed for with T/M, e.g. "BAN THƯỜNG VỤ". */
  body?: string;
  /** "BÍ THƯ", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  position: string;
  name: string;
}

/** Tờ trình: a unit proposes awards it may not grant to the competent level. */
export interface ProposalLetterData {
  issuer: DocumentIssuer;
  /** The sequence number alone ("12"); the template adds the symbol. */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  /** "Ban Thường vụ Tỉnh ủy", "Chủ tịch UBND tỉnh". */
  recipient: string;
  subject: string;
  basis: string[];
  items: { nominee: string; unit: string; award: string; achievement?: string }[];
  signer: DocumentSigner;
  /** Nơi nhận. */
  recipients: string[];
}

/** Quyết định khen thưởng with its attached list (danh sách kèm theo). */
export interface AwardDecisionData {
  issuer: DocumentIssuer;
  number: string;
  date: string;
  subject: string;
  basis: string[];
  /** The articles after Điều 1 (which names the list); each without its "Điều n." prefix. */
  articles: string[];
  items: {
    nominee: string;
    unit: string;
    award: string;
    year?: number;
    verificationCode?: string;
    /** Printed struck through as annulled. */
    revoked?: boolean;
  }[];
  signer: DocumentSigner;
  recipients: string[];
}

/** One awardee's certificate (Giấy khen, Bằng khen, Giấy chứng nhận). */
export interface CertificateData {
  issuer: DocumentIssuer;
  number: string;
  date: string;
  /** "GIẤY KHEN", "BẰNG KHEN". */
  title: string;
  /** The granting body's title line ("BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI" / "GIÁM ĐỐC SỞ …"). */
  grantor: string;
  nominee: string;
  unit: string;
  award: string;
  achievement?: string;
  year?: number;
  verificationCode?: string;
  verifyUrl?: string;
  /** The hash of the audit record that announced the award: what an auditor checks the chain against. */
  auditHash?: string;
  signer: DocumentSigner;
}

/** Biên bản họp Hội đồng Thi đua – Khen thưởng, in its simple templated form. */
export interface CouncilMinutesData {
  issuer: DocumentIssuer;
  number: string;
  date: string;
  council: string;
  place: string;
  chair: string;
  secretary: string;
  attendees: string[];
  items: { nominee: string; unit: string; award: string; result: string }[];
  conclusion: string;
  signer: DocumentSigner;
}

export interface DocumentDataByKind {
  proposal_letter: ProposalLetterData;
  award_decision: AwardDecisionData;
  certificate: CertificateData;
  council_minutes: CouncilMinutesData;
}

export interface RenderedDocument {
  pdf: Buffer;
  /** SHA-256 (hex) of the PDF bytes. */
  sha256: string;
}
