import type { Response } from 'supertest';
import { todayInVietnam } from '../../support/dates';
import { holdCouncilSession, unitOfCase } from '../../support/council';
import type { DialectName } from '../../support/databases';
import { FULL_DOSSIER, startTestApp, type TestApp } from '../../support/test-app';
import { decideDiscipline, violationReport } from '../../support/violations';
import { resolvingReview } from './review-resolutions';

/** Shared steps of the nomination stories (not a spec: no tests here). */

export interface EligibilityLineView {
  rule: string;
  outcome: 'pass' | 'fail' | 'needs_review' | 'on_hold';
  reason: { vi: string; en: string };
  source: unknown[];
  details?: Record<string, unknown>;
}

export interface StoryTokens {
  leader: string;
  secretariat: string;
  chair: string;
}

/** The previous calendar year: the default evaluation year of the stories. */
export const LAST_YEAR = new Date().getUTCFullYear() - 1;

/** A signed decision for ANNOUNCE / REVOKE (the system allocates the number). */
export const signedDecision = (signer = 'Nguyễn Văn Thành') => ({
  decision: { date: todayInVietnam(), signer },
});

/** The line of `rule` in an eligibility result (fails the test if absent). */
export function lineOf(eligibility: { lines: EligibilityLineView[] }, rule: string) {
  const line = eligibility.lines.find((l) => l.rule === rule);
  if (line === undefined) {
    throw new Error(
      `no eligibility line ${rule}; lines: ${eligibility.lines.map((l) => l.rule).join(', ')}`,
    );
  }
  return line;
}

/** GET /cases/:id/eligibility/recorded's report: the last check's, as its audit record keeps it. */
export interface RecordedEligibilityView {
  seq: number;
  eventType: string;
  recordedAt: string;
  asOf: string;
  outcome: 'eligible' | 'ineligible' | 'on_hold' | 'needs_review';
  ruleSet: { id: string; version: number; hash: string };
  lines: EligibilityLineView[];
}

/**
 * The full eligibility report the nomination's last check recorded (nomination v9 keeps only the
 * outcome and the lines that did not pass on the case). Fails unless one is recorded.
 */
export async function recordedEligibility(
  t: TestApp,
  token: string,
  caseId: string,
): Promise<RecordedEligibilityView> {
  const response = await t.getAs(token, `/api/v1/cases/${caseId}/eligibility/recorded`);
  if (response.status !== 200 || response.body.recorded === null) {
    throw new Error(`recorded eligibility: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.recorded as RecordedEligibilityView;
}

/** A line as the case keeps it: its sources without the citation and title the route adds. */
export const uncited = ({ source, ...line }: EligibilityLineView): EligibilityLineView => ({
  ...line,
  source: (source as { citation?: unknown; title?: unknown }[]).map(
    ({ citation: _citation, title: _title, ...ref }) => ref,
  ),
});

/**
 * A line the case kept of its last check (nomination v9 keeps only the lines that did not pass,
 * as `linesNotPassed`); fails the test if absent.
 */
export function keptLineOf(
  eligibility: { linesNotPassed: EligibilityLineView[] },
  rule: string,
): EligibilityLineView {
  return lineOf({ lines: eligibility.linesNotPassed }, rule);
}

/** Opens a nomination of a person and returns its id (fails unless 201). */
export async function openNomination(
  t: TestApp,
  leader: string,
  personId: string,
  awardCode = 'lao_dong_tien_tien',
  evaluationYear = LAST_YEAR,
): Promise<string> {
  const opened = await t.openCase(leader, {
    type: 'nomination',
    subject: { kind: 'person', personId },
    data: { awardCode, evaluationYear },
  });
  if (opened.status !== 201) throw new Error(`open: ${JSON.stringify(opened.body)}`);
  return opened.body.id as string;
}

/** Sends an event and fails with the answer's body unless it is accepted into `state`. */
export async function step(
  t: TestApp,
  token: string,
  caseId: string,
  type: string,
  state: string,
  payload?: unknown,
): Promise<Response> {
  // Nomination v7: verification and approval resolve the lines eligibility leaves for review.
  const sent =
    payload === undefined && (type === 'MARK_VERIFIED' || type === 'APPROVE')
      ? await resolvingReview(t, token, caseId)
      : payload;
  const response = await t.sendEvent(token, caseId, type, sent);
  if (response.status !== 200 || response.body.state !== state) {
    throw new Error(`${type} → ${state}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** From a draft with its dossier to `verified`: submit, verification. */
export async function verify(t: TestApp, tokens: StoryTokens, caseId: string): Promise<void> {
  await step(t, tokens.leader, caseId, 'SUBMIT', 'submitted');
  await step(t, tokens.secretariat, caseId, 'START_VERIFICATION', 'verifying');
  await step(t, tokens.secretariat, caseId, 'MARK_VERIFIED', 'verified');
}

/** From a draft with its dossier to `approved`: submit, verify, council, the head approves. */
export async function approve(t: TestApp, tokens: StoryTokens, caseId: string): Promise<void> {
  await verify(t, tokens, caseId);
  await step(t, tokens.secretariat, caseId, 'SEND_TO_COUNCIL', 'council_review');
  await councilRecommends(t, tokens, caseId);
  await step(t, tokens.chair, caseId, 'APPROVE', 'approved');
}

/**
 * A nomination awaiting the council goes through a session of its unit's council, every member
 * approving: it ends recommended (with the minutes in its dossier).
 */
export async function councilRecommends(
  t: TestApp,
  tokens: StoryTokens,
  caseId: string,
): Promise<void> {
  await holdCouncilSession(t, tokens.secretariat, await unitOfCase(t, tokens.secretariat, caseId));
  const after = await t.getCase(tokens.secretariat, caseId);
  if (after.body.state !== 'recommended') {
    throw new Error(`council: ${after.status} ${JSON.stringify(after.body)}`);
  }
}

/** A whole nomination (no public notice) up to announcement; returns the case id. */
export async function announcedAward(
  t: TestApp,
  tokens: StoryTokens,
  personId: string,
  awardCode: string,
  evaluationYear: number,
  documents: readonly string[] = FULL_DOSSIER,
): Promise<string> {
  const id = await openNomination(t, tokens.leader, personId, awardCode, evaluationYear);
  await t.attachDossier(tokens.leader, id, documents);
  await approve(t, tokens, id);
  await step(t, tokens.secretariat, id, 'ANNOUNCE', 'announced', signedDecision());
  return id;
}

/** A decided violation case: its id and the number the system gave the decision. */
export interface DecidedViolation {
  id: string;
  number: string;
}

/**
 * A violation case about a person, concluded and decided on `decidedOn` by the competent body
 * (with its council's vote where the rule set requires one): a discipline `form` of the
 * `subjectType` the registry gives the person, or, with `form` null, no discipline. Both legal
 * dates are entered after the fact, as officials do.
 */
export async function decidedViolation(
  t: TestApp,
  tokens: StoryTokens,
  personId: string,
  decidedOn: string,
  discipline: { subjectType: string; form: string | null },
): Promise<DecidedViolation> {
  const opened = await t.openCase(tokens.secretariat, {
    type: 'violation',
    subject: { kind: 'person', personId },
    data: violationReport({
      category: 'other',
      source: 'inspection',
      occurredOn: decidedOn,
      summary: 'Vi phạm quy chế làm việc của cơ quan',
    }),
  });
  if (opened.status !== 201) throw new Error(`open violation: ${JSON.stringify(opened.body)}`);
  const id = opened.body.id as string;
  await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
  await step(t, tokens.secretariat, id, 'CONFIRM', 'confirmed', {
    reason: 'Đã xác minh',
    confirmedOn: decidedOn,
  });
  await step(t, tokens.secretariat, id, 'REFER_FOR_DECISION', 'deciding');
  const number = await decideDiscipline(t, tokens.chair, id, {
    subjectType: discipline.subjectType,
    ...(discipline.form === null ? { outcome: 'no_discipline' } : { form: discipline.form }),
    date: decidedOn,
    signer: 'Trần Văn Sơn',
  });
  return { id, number };
}

/** Starts the app for one story, with a unit leader, a secretariat and a council chair. */
export async function startStory(
  dialect: DialectName,
): Promise<{ t: TestApp; tokens: StoryTokens }> {
  const t = await startTestApp(dialect);
  const [leader, secretariat, chair] = await t.tokensFor(
    'unit_leader',
    'secretariat',
    'council_chair',
  );
  return { t, tokens: { leader, secretariat, chair } };
}

/** The award that needs a public notice, and what its dossier and prerequisites ask for. */
export const NOTICED_AWARD = 'chien_si_thi_dua_toan_quoc';
const NOTICED_DOSSIER = [
  'to_trinh',
  'bao_cao_thanh_tich',
  'bien_ban_binh_xet',
  'xac_nhan_sang_kien',
];

/**
 * A nomination of a new person for the national emulation fighter title (her two provincial titles
 * imported from the old register), verified and put under public notice; returns the case id.
 * `open` opens it (by default through POST /cases, on the latest workflow version).
 */
export async function underPublicNotice(
  t: TestApp,
  tokens: StoryTokens,
  name: string,
  open: (personId: string) => Promise<string> = (personId) =>
    openNomination(t, tokens.leader, personId, NOTICED_AWARD, LAST_YEAR),
): Promise<{ caseId: string; personId: string }> {
  const nominee = await t.createPerson(name);
  const csv = [
    'STT,Mã cán bộ,Danh hiệu / hình thức,Năm,Tình trạng,Số quyết định,Ngày quyết định',
    `1,${nominee.code},chien_si_thi_dua_bo_tinh,${LAST_YEAR - 2},Đã trao,15/QĐ-UBND,20/01/${LAST_YEAR - 1}`,
    `2,${nominee.code},chien_si_thi_dua_bo_tinh,${LAST_YEAR - 1},Đã trao,18/QĐ-UBND,22/01/${LAST_YEAR}`,
  ].join('\n');
  const imported = await t.http
    .post('/api/v1/imports/awards')
    .auth(t.adminToken, { type: 'bearer' })
    .set('Content-Type', 'text/csv')
    .send(csv);
  if (imported.status !== 200) throw new Error(`import: ${JSON.stringify(imported.body)}`);
  const caseId = await open(nominee.id);
  await t.attachDossier(tokens.leader, caseId, NOTICED_DOSSIER);
  await verify(t, tokens, caseId);
  const verified = await t.getCase(tokens.secretariat, caseId);
  const offered = (verified.body.allowedEvents as { type: string }[]).map((e) => e.type);
  if (!offered.includes('OPEN_PUBLIC_NOTICE')) {
    // Versions before 5 put the notice after the council's approval (one APPROVE click).
    await step(t, tokens.secretariat, caseId, 'SEND_TO_COUNCIL', 'council_review');
    await step(t, tokens.chair, caseId, 'APPROVE', 'approved');
  }
  // From version 5 the notice runs before the council meets (Decree 98/2023 Art 46(2)).
  await step(t, tokens.secretariat, caseId, 'OPEN_PUBLIC_NOTICE', 'public_notice');
  return { caseId, personId: nominee.id };
}
