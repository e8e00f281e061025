import { verificationCodeFor } from '../../src/outputs/award-decision';
import { holdCouncilSession } from '../support/council';
import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import {
  FULL_DOSSIER,
  eventTypes,
  expectAccepted,
  expectProblem,
  nominationData,
  pdfBytes,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { resolvingReview } from './nominations/review-resolutions';

/**
 * Story: the leader of a party committee nominates Trần Xuân Lâm for "Lao động tiên tiến" of last
 * year. The submission is refused until the three dossier documents are uploaded; the secretariat
 * returns the dossier once, the leader uploads a corrected report and resubmits; it is verified,
 * sent to the council and approved. The award needs no public notice, so the secretariat announces
 * it at once and the system gives the decision its number ("1/QĐ-<unit code>"), with a certificate
 * anyone can check. Later the chair revokes the award on an Art 93(2) ground with a decision of its
 * own number. Every step is in the history, eligibility is recorded where it was judged, and the
 * history verifies.
 */
describe.each(DIALECTS)(
  'a nomination from draft to announcement and revocation (%s)',
  (dialect) => {
    let t: TestApp;
    let leader: string;
    let secretariat: string;
    let chair: string;
    let auditor: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [leader, secretariat, chair, auditor] = await t.tokensFor(
        'unit_leader',
        'secretariat',
        'council_chair',
        'auditor',
      );
    });
    afterAll(() => t.close());

    test('walks every stage, numbers the decisions, records it all, and verifies', async () => {
      const unit = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
      const nominee = await t.createPerson('Trần Xuân Lâm', unit.id);
      const data = {
        ...nominationData(),
        movement: 'Thi đua yêu nước năm trước',
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ được giao',
      };
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: { kind: 'person', personId: nominee.id },
        data,
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        type: 'nomination',
        state: 'draft',
        version: 1,
        stateLabel: { vi: 'Dự thảo', en: 'Draft' },
        subject: { kind: 'person', id: nominee.id, code: nominee.code, name: 'Trần Xuân Lâm' },
        data,
        workflow: { id: 'nomination', version: 9 },
      });
      expect(eventTypes(opened)).toEqual(['ATTACH_DOCUMENT', 'SUBMIT', 'WITHDRAW']);
      const id = opened.body.id as string;

      // Without its dossier the nominee is ineligible, and the submission changes nothing.
      const early = await t.sendEvent(leader, id, 'SUBMIT');
      expectProblem(early, 422, 'CASE.GUARD_FAILED');
      expect(early.body.eligibility.outcome).toBe('ineligible');
      expect((await t.getCase(auditor, id)).body.version).toBe(1);

      await t.attachDossier(leader, id);
      const withDossier = await t.getCase(auditor, id);
      expect(withDossier.body).toMatchObject({ state: 'draft', version: 4 });
      expect(
        withDossier.body.context.documents.map((d: { code: string }) => d.code).sort(),
      ).toEqual([...FULL_DOSSIER].sort());

      const run = async (
        token: string,
        type: string,
        state: string,
        version: number,
        payload?: object,
      ) => {
        const response = await t.sendEvent(token, id, type, payload);
        expectAccepted(response, type, state, version);
        return response;
      };

      const submitted = await run(leader, 'SUBMIT', 'submitted', 5);
      expect(['eligible', 'needs_review']).toContain(submitted.body.context.eligibility.outcome);
      await run(secretariat, 'START_VERIFICATION', 'verifying', 6);
      const returned = await run(
        secretariat,
        'RETURN_FOR_SUPPLEMENT',
        'returned_for_supplement',
        7,
        {
          reason: 'Thiếu bản tóm tắt thành tích',
        },
      );
      expect(eventTypes(await t.getCase(leader, id))).toEqual([
        'ATTACH_DOCUMENT',
        'RESUBMIT',
        'WITHDRAW',
      ]);
      expect(returned.body.allowedEvents).toEqual([]);

      // The corrected report replaces the first one; the dossier still has three documents.
      const before = (returned.body.context.documents as { code: string; sha256: string }[]).find(
        (d) => d.code === 'bao_cao_thanh_tich',
      )!;
      const reupload = await t.uploadDocument(leader, id, 'bao_cao_thanh_tich', {
        fileName: 'Báo cáo thành tích (bổ sung).pdf',
        content: pdfBytes('Báo cáo thành tích, bản bổ sung tóm tắt'),
      });
      expectAccepted(reupload, 'ATTACH_DOCUMENT', 'returned_for_supplement', 8);
      const documents = reupload.body.context.documents as {
        id: string;
        code: string;
        sha256: string;
        fileName: string;
      }[];
      expect(documents).toHaveLength(3);
      const corrected = documents.find((d) => d.code === 'bao_cao_thanh_tich')!;
      expect(corrected.sha256).not.toBe(before.sha256);
      expect(corrected.fileName).toBe('Báo cáo thành tích (bổ sung).pdf');
      const download = await t.getAs(auditor, `/api/v1/cases/${id}/documents/${corrected.id}`);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toMatch(/^application\/pdf/);
      expect(download.headers['x-content-sha256']).toBe(corrected.sha256);

      await run(leader, 'RESUBMIT', 'verifying', 9);
      // Verification resolves every eligibility line left for review (nomination v7).
      const verification = await resolvingReview(t, secretariat, id);
      await run(secretariat, 'MARK_VERIFIED', 'verified', 10, verification);
      // Lao động tiên tiến needs no public notice: it goes straight to the council.
      const notice = await t.sendEvent(secretariat, id, 'OPEN_PUBLIC_NOTICE');
      expectProblem(notice, 422, 'CASE.GUARD_FAILED');
      await run(secretariat, 'SEND_TO_COUNCIL', 'council_review', 11);
      // The council's session records its recommendation as a system event (seq 12).
      await holdCouncilSession(t, secretariat, unit.id);
      await run(chair, 'APPROVE', 'approved', 13, await resolvingReview(t, chair, id));
      const decisionDate = todayInVietnam();
      const announced = await run(secretariat, 'ANNOUNCE', 'announced', 14, {
        decision: { date: decisionDate, signer: 'Nguyễn Thị Hoà' },
      });
      const decision = announced.body.context.decision;
      expect(decision.number).toMatch(/^\d+\/QĐ-\S+$/);
      expect(decision).toMatchObject({
        number: `1/QĐ-${unit.code}`,
        issuingUnit: { id: unit.id, code: unit.code },
        date: decisionDate,
        signer: 'Nguyễn Thị Hoà',
      });
      expect(eventTypes(await t.getCase(chair, id))).toEqual(['REVOKE']);

      const certificate = await t.getAs(auditor, `/api/v1/cases/${id}/certificate`);
      expect(certificate.status).toBe(200);
      expect(certificate.headers['content-type']).toMatch(/^application\/pdf/);
      const list = await t.getAs(auditor, `/api/v1/cases/${id}/decision-list?format=csv`);
      expect(list.status).toBe(200);
      expect(list.text).toContain('Trần Xuân Lâm');

      let history = await t.history(auditor, id);
      const announceRecord = history.body.items.find(
        (r: { eventType: string }) => r.eventType === 'ANNOUNCE',
      );
      const code = verificationCodeFor(id, announceRecord.hash);
      expect(list.text).toContain(code);
      const checked = await t.http.get(`/api/v1/public/certificates/${code}`);
      expect(checked.status).toBe(200);
      expect(checked.body).toMatchObject({
        status: 'granted',
        nominee: { kind: 'person', name: 'Trần Xuân Lâm' },
        award: { code: 'lao_dong_tien_tien' },
        audit: { caseId: id, seq: 14, chainIntact: true },
      });

      // A revocation needs an Art 93(2) ground from the closed list.
      const noGround = await t.sendEvent(chair, id, 'REVOKE', {
        decision: { date: decisionDate, signer: 'Lê Văn Hùng' },
        ground: 'changed_our_minds',
        reason: 'Không nêu được căn cứ theo Điều 93',
      });
      expectProblem(noGround, 400, 'CASE.PAYLOAD_INVALID');
      expect(noGround.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'payload.ground',
      ]);
      const revoked = await run(chair, 'REVOKE', 'revoked', 15, {
        decision: { date: decisionDate, signer: 'Lê Văn Hùng' },
        ground: 'false_dossier',
        reason: 'Báo cáo thành tích kê khai không đúng sự thật',
      });
      expect(revoked.body).toMatchObject({ closed: true, allowedEvents: [] });
      expect(revoked.body.context.revocation).toMatchObject({
        number: `2/QĐ-${unit.code}`,
        issuingUnit: { id: unit.id, code: unit.code },
        date: decisionDate,
        signer: 'Lê Văn Hùng',
        ground: 'false_dossier',
        reason: 'Báo cáo thành tích kê khai không đúng sự thật',
      });
      expect(revoked.body.context.decision).toEqual(decision);
      const recheck = await t.http.get(`/api/v1/public/certificates/${code}`);
      expect(recheck.body).toMatchObject({
        status: 'revoked',
        revocation: { number: `2/QĐ-${unit.code}`, ground: 'false_dossier' },
      });

      history = await t.history(auditor, id);
      expect(history.status).toBe(200);
      const items = history.body.items as {
        seq: number;
        eventType: string;
        facts?: { eligibility?: { outcome: string } };
      }[];
      expect(items.map((r) => r.eventType)).toEqual([
        'CASE_OPENED',
        'ATTACH_DOCUMENT',
        'ATTACH_DOCUMENT',
        'ATTACH_DOCUMENT',
        'SUBMIT',
        'START_VERIFICATION',
        'RETURN_FOR_SUPPLEMENT',
        'ATTACH_DOCUMENT',
        'RESUBMIT',
        'MARK_VERIFIED',
        'SEND_TO_COUNCIL',
        'COUNCIL_RECOMMENDS',
        'APPROVE',
        'ANNOUNCE',
        'REVOKE',
      ]);
      expect(history.body.items[0].payload.subject.name).toBe('Trần Xuân Lâm');
      expect(history.body.items[6]).toMatchObject({
        seq: 7,
        fromState: 'verifying',
        toState: 'returned_for_supplement',
        actor: { role: 'secretariat' },
        payload: { reason: 'Thiếu bản tóm tắt thành tích' },
      });
      // The verification's record keeps the resolutions the secretariat sent.
      expect(history.body.items[9]).toMatchObject({
        seq: 10,
        eventType: 'MARK_VERIFIED',
        payload: verification,
      });
      // Eligibility is recorded on every record that judged it.
      for (const record of items) {
        if (['SUBMIT', 'RESUBMIT', 'MARK_VERIFIED', 'APPROVE'].includes(record.eventType)) {
          expect({ seq: record.seq, outcome: record.facts?.eligibility?.outcome }).toEqual({
            seq: record.seq,
            outcome: expect.stringMatching(/^(eligible|needs_review)$/),
          });
        }
      }

      const verified = await t.verify(auditor, id);
      expect(verified.body).toEqual({ ok: true, checked: 15, firstBadSeq: null, problem: null });
    });
  },
);
