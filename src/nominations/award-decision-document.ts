import { Injectable } from '@nestjs/common';
import type { Principal } from '../domain/org/principal';
import type { Language, Localized } from '../domain/localized';
import type { AwardDecisionData } from '../documents/document-kinds';
import { DocumentRenderer } from '../documents/document-renderer';
import type { AwardDecision } from '../outputs/award-decision';
import type { DecisionReferenceInput } from '../documents/award-reference';
import { workerTask } from '../workers/worker-task';
import { AwardOutputsService } from './award-outputs.service';
import { decisionSigner, type DecisionIssuer } from './certificate-document';

/** The English rendering, for reference, laid out in a worker thread (award-reference.worker.ts). */
const RENDER_DECISION_REFERENCE = workerTask<DecisionReferenceInput, Uint8Array>(
  require.resolve('../documents/award-reference.worker'),
  'renderDecisionReference',
);

/**
 * The award decision's full text (quyết định khen thưởng: heading in the issuer's format, bases,
 * articles, recipients, the signer's title block and the attached list of every award it grants),
 * rendered from the award_decision template of the issuer's format. It replaces the list alone
 * (CSV, XLSX) as the decision's printable form; the list stays for spreadsheets.
 *
 * The Vietnamese decision is the document; in English it is a rendering of the same record, for
 * reference (award-reference.ts): made when asked, never cached or filed.
 */
@Injectable()
export class AwardDecisionDocuments {
  constructor(
    private readonly outputs: AwardOutputsService,
    private readonly renderer: DocumentRenderer,
  ) {}

  async pdf(principal: Principal, caseId: string, language: Language = 'vi'): Promise<Buffer> {
    const { decision, issuingUnitId, series } = await this.outputs.decisionOf(principal, caseId);
    const issuer = await this.outputs.issuerOf(issuingUnitId, series);
    if (language === 'vi') {
      return (await this.renderer.render('award_decision', awardDecisionData(decision, issuer)))
        .pdf;
    }
    const data = awardDecisionData(decision, issuer, language);
    return this.outputs.renderReference(RENDER_DECISION_REFERENCE, {
      data,
      // The number exactly as the Vietnamese decision prints it (the template's pattern).
      documentNumber: this.outputs.printedNumber('award_decision', data),
    });
  }
}

/**
 * The words the decision's data brings besides names and numbers (the template brings the rest),
 * in both languages: the Vietnamese are the decision's own, the English those of its rendering
 * for reference.
 */
const DECISION_WORDS = {
  subject: {
    vi: (awards: string, year: string) => `Về việc khen thưởng ${awards}${year && ` năm ${year}`}`,
    en: (awards: string, year: string) => `On awarding ${awards}${year && ` for ${year}`}`,
  },
  basis: {
    party: {
      vi: 'Điều lệ Đảng Cộng sản Việt Nam và Hướng dẫn số 06-HD/TW của Ban Bí thư',
      en: 'the Charter of the Communist Party of Vietnam and Guidance No. 06-HD/TW of the Secretariat',
    },
    state: {
      vi: 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      en: 'the Law on Emulation and Commendation of 15 June 2022',
    },
    ruleSet: {
      vi: (id: string, version: number) =>
        `Tiêu chuẩn khen thưởng theo bộ tiêu chí ${id} (phiên bản ${version})`,
      en: (id: string, version: number) =>
        `the award standards of criteria set ${id} (version ${version})`,
    },
  },
  implementation: {
    vi: 'Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.',
    en: 'The collectives and individuals named in Article 1 are responsible for implementing this Decision.',
  },
  annulled: {
    vi: (award: string) => `${award} (đã hủy bỏ)`,
    en: (award: string) => `${award} (annulled)`,
  },
  asInArticle1: { vi: 'Như Điều 1', en: 'As in Article 1' } satisfies Localized,
} as const;

/**
 * The template's data from a recorded decision (its number is printed as it was allocated). In
 * English the words above and the award names are English; names, units, the issuer, the number
 * and the signer stay as recorded.
 */
export function awardDecisionData(
  decision: AwardDecision,
  issuer: DecisionIssuer,
  language: Language = 'vi',
): AwardDecisionData {
  const words = DECISION_WORDS;
  const awards = [...new Set(decision.entries.map((entry) => entry.awardName[language]))];
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
    subject: words.subject[language](awards.join(', '), years.length === 1 ? `${years[0]}` : ''),
    basis: [
      decision.format === 'party' ? words.basis.party[language] : words.basis.state[language],
      words.basis.ruleSet[language](decision.ruleSet.id, decision.ruleSet.version),
    ],
    articles: [words.implementation[language]],
    items: decision.entries.map((entry) => ({
      nominee: entry.nomineeName,
      unit: entry.unitName,
      award:
        entry.status === 'revoked'
          ? words.annulled[language](entry.awardName[language])
          : entry.awardName[language],
      year: entry.evaluationYear,
      verificationCode: entry.verificationCode,
      revoked: entry.status === 'revoked',
    })),
    signer: decisionSigner(decision),
    recipients: [words.asInArticle1[language]],
  };
}
