import { api, type Localized } from '../../api/client';

/** A nomination under public notice (src/nominations/public-notices.service.ts). */
export interface PublicNotice {
  caseId: string;
  nominee: { kind: 'person' | 'unit'; name: string };
  unitName: string | null;
  award: { code: string; name: Localized };
  evaluationYear: number;
  opensOn: string | null;
  closesOn: string | null;
  workingDays: number | null;
  /** An objection is being reviewed: the notice is on hold. */
  onHold: boolean;
}

export interface ObjectionInput {
  objection: string;
  name?: string;
  contact?: string;
}

/** A decision as published; every field may be missing (older workflow versions recorded less). */
export interface RecordedDecision {
  number?: string | null;
  /** Signing date, YYYY-MM-DD. */
  date?: string | null;
  signer?: string | null;
  issuingUnitName?: string | null;
  /** The shape the case itself records, should the server pass it through. */
  issuingUnit?: { name?: string } | null;
}

export interface RecordedRevocation extends RecordedDecision {
  /** A Law 06/2022 Art 93(2) ground code (version 3 on). */
  ground?: string | null;
  groundLabel?: Localized | null;
  /** Not published today (the ground is); shown should the server send it. */
  reason?: string | null;
  /** Versions before 3 nested the decision. */
  decision?: RecordedDecision | null;
}

/** What GET /public/certificates/:code answers. */
export interface CertificateCheck {
  verificationCode: string;
  status: 'granted' | 'revoked';
  statusLabel?: Localized;
  nominee: { kind: 'person' | 'unit'; name: string };
  award: { code: string; name: Localized | null };
  evaluationYear: number;
  decision: RecordedDecision | null;
  revocation: RecordedRevocation | null;
  audit: { caseId: string; seq: number; recordHash: string; chainIntact: boolean };
  /** The holder's unit (a collective's own name). */
  unitName?: string | null;
}

export const publicApi = {
  notices: (cursor: string | null, signal?: AbortSignal) =>
    api.get<{ items: PublicNotice[]; nextCursor: string | null }>(
      '/public/notices',
      { cursor: cursor ?? undefined, limit: 20 },
      signal,
    ),
  /** `key` makes a repeat (a retry on a poor connection) answer as the first, recording nothing. */
  object: (caseId: string, input: ObjectionInput, key: string) =>
    api.post<{ caseId: string; received: true; onHold: true }>(
      `/public/notices/${encodeURIComponent(caseId)}/objections`,
      input,
      { 'idempotency-key': key },
    ),
  certificate: (code: string, signal?: AbortSignal) =>
    api.get<CertificateCheck>(
      `/public/certificates/${encodeURIComponent(code)}`,
      undefined,
      signal,
    ),
};
