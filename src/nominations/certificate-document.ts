import type { CertificateData, DocumentSigner, SignerCapacity } from '../documents/document-kinds';
import type { Language } from '../domain/localized';
import type { AwardDecision, DecisionEntry } from '../outputs/award-decision';

/** Who issues the decision, as its documents print it: the body above and the number series. */
export interface DecisionIssuer {
  parentBody: string | undefined;
  series: string;
}

/**
 * The certificate template's data (data/templates/certificate.<format>.json) for one entry of an
 * award decision: a Party issuer's certificate is rendered from the Party template, any other from
 * the State one; the decision's number is printed as it was allocated. Plain and deterministic:
 * the same decision and entry give the same data, so the same cached PDF. In English (for the
 * English rendering, for reference) only the award's name changes: names, units, the grantor and
 * the signer's title are printed as recorded.
 */
export function certificateData(
  decision: Omit<AwardDecision, 'entries'>,
  entry: DecisionEntry,
  issuer: DecisionIssuer,
  verifyUrl: string,
  language: Language = 'vi',
): CertificateData {
  if (entry.status === 'revoked') {
    // An annulled award keeps its row in the decision's list, marked so; it gets no certificate.
    throw new Error(`certificateData: the award of case ${entry.caseId} has been annulled`);
  }
  checkVerifyUrl(verifyUrl, entry.verificationCode);
  const signer = decisionSigner(decision);
  // The granting body's line: whom the signer signs for ("BAN THƯỜNG VỤ", "GIÁM ĐỐC") and the
  // issuing unit; a decision recorded before signers were registered names the unit alone.
  const grantedBy = decision.signature === undefined ? '' : (signer.body ?? signer.position);
  return {
    issuer: {
      format: decision.format ?? 'state',
      ...(issuer.parentBody === undefined ? {} : { parentBody: issuer.parentBody }),
      name: decision.issuingUnitName,
      series: issuer.series,
      // No place is recorded for a unit yet: the line reads "Ngày … tháng … năm …".
      place: '',
    },
    number: decision.number,
    date: decision.date,
    title: entry.awardName[language],
    grantor:
      grantedBy === '' ? decision.issuingUnitName : `${grantedBy} ${decision.issuingUnitName}`,
    nominee: entry.nomineeName,
    // A collective's own name is already the nominee: no "Đơn vị" line repeating it.
    unit:
      entry.nomineeKind === 'unit' && entry.unitName === entry.nomineeName ? '' : entry.unitName,
    award: entry.awardName[language],
    year: entry.evaluationYear,
    verificationCode: entry.verificationCode,
    verifyUrl,
    auditHash: entry.auditHash,
    signer,
  };
}

const CAPACITIES: readonly SignerCapacity[] = ['T/M', 'KT.', 'TL.', 'Q.'];

/**
 * The signer from the recorded title block ("T/M BAN THƯỜNG VỤ" / "BÍ THƯ"); a decision recorded
 * before signers were registered has the signer's name only, printed without a title.
 */
export function decisionSigner(decision: Omit<AwardDecision, 'entries'>): DocumentSigner {
  const signature = decision.signature;
  if (signature === undefined) return { capacity: null, position: '', name: decision.signer };
  const [first = '', second] = signature.title;
  const capacity = CAPACITIES.find((candidate) => first.startsWith(`${candidate} `)) ?? null;
  if (capacity === null) return { capacity, position: first, name: signature.name };
  const forWhom = first.slice(capacity.length + 1);
  return second === undefined
    ? { capacity, position: forWhom, name: signature.name }
    : { capacity, body: forWhom, position: second, name: signature.name };
}

/**
 * The printed link, the QR code and the printed code must never disagree: the URL is http(s) and
 * carries the entry's own verification code.
 */
function checkVerifyUrl(url: string, verificationCode: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`certificateData: verifyUrl "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`certificateData: verifyUrl "${url}" is not an http(s) URL`);
  }
  if (!url.includes(verificationCode)) {
    throw new Error(`certificateData: verifyUrl "${url}" does not contain ${verificationCode}`);
  }
}
