import { Injectable } from '@nestjs/common';
import type { Principal } from '../domain/org/principal';
import type { AwardDecisionData } from '../documents/document-kinds';
import { DocumentRenderer } from '../documents/document-renderer';
import type { AwardDecision } from '../outputs/award-decision';
import { AwardOutputsService } from './award-outputs.service';
import { decisionSigner, type DecisionIssuer } from './certificate-document';

/**
 * The award decision's full text (quyết định khen thưởng: heading in the issuer's format, bases,
 * articles, recipients, the signer's title block and the attached list of every award it grants),
 * rendered from the award_decision template of the issuer's format. It replaces the list alone
 * (CSV, XLSX) as the decision's printable form; the list stays for spreadsheets.
 */
@Injectable()
export class AwardDecisionDocuments {
  constructor(
    private readonly outputs: AwardOutputsService,
    private readonly renderer: DocumentRenderer,
  ) {}

  async pdf(principal: Principal, caseId: string): Promise<Buffer> {
    const { decision, issuingUnitId, series } = await this.outputs.decisionOf(principal, caseId);
    const data = awardDecisionData(decision, await this.outputs.issuerOf(issuingUnitId, series));
    return (await this.renderer.render('award_decision', data)).pdf;
  }
}

/** The template's data from a recorded decision (its number is printed as it was allocated). */
export function awardDecisionData(
  decision: AwardDecision,
  issuer: DecisionIssuer,
): AwardDecisionData {
  const awards = [...new Set(decision.entries.map((entry) => entry.awardName.vi))];
  const years = [...new Set(decision.entries.map((entry) => entry.evaluationYear))];
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
    subject: `Về việc khen thưởng ${awards.join(', ')}${years.length === 1 ? ` năm ${years[0]}` : ''}`,
    basis: [
      decision.format === 'party'
        ? 'Điều lệ Đảng Cộng sản Việt Nam và Hướng dẫn số 06-HD/TW của Ban Bí thư'
        : 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      `Tiêu chuẩn khen thưởng theo bộ tiêu chí ${decision.ruleSet.id} (phiên bản ${decision.ruleSet.version})`,
    ],
    articles: ['Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.'],
    items: decision.entries.map((entry) => ({
      nominee: entry.nomineeName,
      unit: entry.unitName,
      award: entry.status === 'revoked' ? `${entry.awardName.vi} (đã hủy bỏ)` : entry.awardName.vi,
      year: entry.evaluationYear,
      verificationCode: entry.verificationCode,
      revoked: entry.status === 'revoked',
    })),
    signer: decisionSigner(decision),
    recipients: ['Như Điều 1'],
  };
}
