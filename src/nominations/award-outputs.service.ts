import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Principal } from '../domain/org/principal';
import { CaseQueries } from '../cases/case-queries.service';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type StoredCertificate,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { Database } from '../persistence/database';
import { SqlCertificateRendersRepository } from '../persistence/repositories/sql-certificate-renders.repository';
import type { DecisionAuthorityFact, DecisionSignerFact } from '../domain/workflow/event-facts';
import type { AwardDecision, DecisionEntry } from '../outputs/award-decision';
import { CertificateRenders } from '../documents/certificate-renders';
import { documentContext } from '../documents/document-context';
import type { DocumentDataByKind } from '../documents/document-kinds';
import { DocumentTemplates } from '../documents/document-templates';
import type { Language } from '../domain/localized';
import type { CertificateReferenceInput } from '../documents/award-reference';
import { decisionListCsv, decisionListXlsx } from '../outputs/decision-list';
import { WorkerPool } from '../workers/worker-pool';
import { workerTask, type WorkerTask } from '../workers/worker-task';
import { SharedRuns } from '../workers/shared-runs';
import { certificateData, type DecisionIssuer } from './certificate-document';
import { CommendationFacts, type NominationData } from './commendation-facts.service';

interface RecordedDecision {
  number: string;
  date: string;
  signer: string;
  issuingUnit: { id: string; name: string };
  ruleSet: { id: string; version: number } | null;
  /** Issue 17: recorded where the issuing unit records its authority. */
  authority?: DecisionAuthorityFact;
  signedBy?: DecisionSignerFact;
}

/** The English rendering, for reference, laid out in a worker thread (award-reference.worker.ts). */
const RENDER_CERTIFICATE_REFERENCE = workerTask<CertificateReferenceInput, Uint8Array>(
  require.resolve('../documents/award-reference.worker'),
  'renderCertificateReference',
);

/**
 * The printable outputs of an announced award: the decision's list (CSV, XLSX) and the
 * certificate (PDF) with its verification code. Readable by whoever may read the case. The
 * certificate is rendered from the certificate template of the issuer's format (Party or State)
 * in a worker thread, once per content (CertificateRenders); its English rendering, for
 * reference, is laid out from the same record when asked (award-reference.ts), never stored.
 */
@Injectable()
export class AwardOutputsService {
  private readonly certificates: CertificateRenders;
  private readonly referenceRenders = new SharedRuns<Uint8Array>();

  constructor(
    private readonly cases: CaseQueries,
    private readonly catalogue: WorkflowCatalogue,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly facts: CommendationFacts,
    database: Database,
    private readonly templates: DocumentTemplates,
    private readonly pool: WorkerPool,
    clock: Clock,
  ) {
    this.certificates = new CertificateRenders(
      new SqlCertificateRendersRepository(database),
      templates,
      pool,
      clock,
    );
  }

  async certificate(
    principal: Principal,
    caseId: string,
    verifyBaseUrl: string,
    language: Language = 'vi',
  ): Promise<Buffer> {
    const { decision, certificate, stored } = await this.announcementOf(principal, caseId);
    // Only this case's entry is printed: the decision's other awards are not read at all.
    const entry = await this.entryFor(stored, certificate);
    if (entry.status === 'revoked') throw awardRevoked(caseId);
    const recorded = stored.context.decision as RecordedDecision | undefined;
    const issuer = await this.issuerOf(certificate.issuingUnitId, recorded?.authority?.series);
    const verifyUrl = `${verifyBaseUrl}/${certificate.verificationCode}`;
    if (language === 'vi') {
      return this.certificates.pdf(caseId, certificateData(decision, entry, issuer, verifyUrl));
    }
    const data = certificateData(decision, entry, issuer, verifyUrl, language);
    return this.renderReference(RENDER_CERTIFICATE_REFERENCE, {
      data,
      documentNumber: this.printedNumber('certificate', data),
    });
  }

  /**
   * An English rendering, for reference, in the worker pool: never stored, but one asked for again
   * while it renders (a reader clicking twice, many readers at once) shares the render under way.
   */
  async renderReference<Input>(task: WorkerTask<Input, Uint8Array>, input: Input): Promise<Buffer> {
    const key = createHash('sha256').update(task.name).update(JSON.stringify(input)).digest('hex');
    const bytes = await this.referenceRenders.run(key, () => this.pool.run(task, input));
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The decision's number as the Vietnamese document of this kind prints it: as recorded, or a
   * bare sequence written with the template's pattern. The English rendering prints the same.
   */
  printedNumber<K extends 'award_decision' | 'certificate'>(
    kind: K,
    data: DocumentDataByKind[K],
  ): string {
    const { template } = this.templates.get(kind, data.issuer.format);
    return String(documentContext(template, data).documentNumber);
  }

  /**
   * The issuing unit as its documents print it: the body above it, and the number series its
   * authority records (a unit that records none numbers with its code).
   */
  async issuerOf(issuingUnitId: string, series: string | undefined): Promise<DecisionIssuer> {
    const unit = await this.organisation.findUnitById(issuingUnitId);
    const parent =
      unit?.parentId == null ? null : await this.organisation.findUnitById(unit.parentId);
    return { parentBody: parent?.name, series: series ?? unit?.code ?? '' };
  }

  async decisionList(
    principal: Principal,
    caseId: string,
    format: 'csv' | 'xlsx',
    language: Language = 'vi',
  ): Promise<Buffer> {
    const { decision: list } = await this.decisionOf(principal, caseId);
    return format === 'csv' ? decisionListCsv(list, language) : decisionListXlsx(list, language);
  }

  /** The whole decision that announced this case, with every award it grants, and its issuer. */
  async decisionOf(
    principal: Principal,
    caseId: string,
  ): Promise<{ decision: AwardDecision; issuingUnitId: string; series: string | undefined }> {
    const { decision, certificate, stored } = await this.announcementOf(principal, caseId);
    const siblings = await this.repository.certificatesOfDecision(
      certificate.issuingUnitId,
      certificate.decisionNumber,
    );
    const entries: DecisionEntry[] = [];
    for (const sibling of siblings) {
      const entry = await this.entryOf(sibling);
      if (entry !== null) entries.push(entry);
    }
    const recorded = stored.context.decision as RecordedDecision | undefined;
    return {
      decision: { ...decision, entries },
      issuingUnitId: certificate.issuingUnitId,
      series: recorded?.authority?.series,
    };
  }

  /** The decision that announced this case (without its entries) and the case's certificate. */
  private async announcementOf(
    principal: Principal,
    caseId: string,
  ): Promise<{
    decision: Omit<AwardDecision, 'entries'>;
    certificate: StoredCertificate;
    stored: StoredCase;
  }> {
    await this.cases.get(principal, caseId);
    const [certificate] = await this.repository.certificatesOf(caseId);
    if (certificate === undefined) throw notAnnounced(caseId);
    const stored = await this.repository.findById(caseId);
    const recorded = stored?.context.decision as RecordedDecision | undefined;
    if (stored === null || recorded === undefined) throw notAnnounced(caseId);
    return {
      certificate,
      stored,
      decision: {
        number: recorded.number,
        date: recorded.date,
        signer: recorded.signer,
        issuingUnitName: recorded.issuingUnit.name,
        ruleSet: recorded.ruleSet ?? this.facts.ruleSetFor(stored).ruleSet,
        ...(recorded.authority === undefined ? {} : { format: recorded.authority.format }),
        ...(recorded.signedBy === undefined
          ? {}
          : {
              signature: { title: recorded.signedBy.titleLines, name: recorded.signedBy.fullName },
            }),
      },
    };
  }

  private async entryOf(certificate: StoredCertificate): Promise<DecisionEntry | null> {
    const stored = await this.repository.findById(certificate.caseId);
    return stored === null ? null : this.entryFor(stored, certificate);
  }

  private async entryFor(
    stored: StoredCase,
    certificate: StoredCertificate,
  ): Promise<DecisionEntry> {
    const { awardCode, evaluationYear } = stored.data as unknown as NominationData;
    const subject = stored.subject;
    const unitId = subject.kind === 'person' ? subject.unitId : subject.id;
    const unitName = (await this.organisation.findUnitById(unitId))?.name ?? '';
    return {
      caseId: stored.id,
      nomineeKind: subject.kind,
      nomineeName: subject.name,
      nomineeCode: subject.code,
      unitName,
      awardCode,
      awardName: this.facts.awardOf(stored)?.name ?? { vi: awardCode, en: awardCode },
      evaluationYear,
      verificationCode: certificate.verificationCode,
      auditHash: certificate.recordHash,
      status: this.catalogue.tagsOf(stored.workflow, stored.state).includes('revoked')
        ? 'revoked'
        : 'granted',
    };
  }
}

function notAnnounced(caseId: string): AppError {
  return new AppError(
    'DECISION.NOT_ANNOUNCED',
    'conflict',
    `Case ${caseId} has no announced award decision.`,
    { caseId },
    {
      vi: `Hồ sơ ${caseId} chưa có quyết định khen thưởng được công bố.`,
      en: `Case ${caseId} has no announced award decision.`,
    },
  );
}

function awardRevoked(caseId: string): AppError {
  return new AppError(
    'CERTIFICATE.REVOKED',
    'conflict',
    `The award of case ${caseId} was revoked: no certificate is issued.`,
    { caseId },
    {
      vi: `Khen thưởng của hồ sơ ${caseId} đã bị thu hồi: không cấp giấy chứng nhận.`,
      en: `The award of case ${caseId} was revoked: no certificate is issued.`,
    },
  );
}
