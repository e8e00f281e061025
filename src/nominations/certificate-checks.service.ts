import { Inject, Injectable } from '@nestjs/common';
import { verifyChain } from '../domain/audit/verify-chain';
import type { Localized } from '../domain/localized';
import type { StateTag } from '../domain/workflow/state-tags';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { ENTRY_STATUS_LABELS, normaliseVerificationCode } from '../outputs/award-decision';
import { REVOCATION_GROUNDS } from '../domain/workflow/commendation-steps';
import { CommendationFacts, type NominationData } from './commendation-facts.service';
import { certificateNotFound } from './nomination-errors';
import type { StoredCase } from '../domain/cases/stored-case';

/**
 * What anyone holding a certificate's code may read: what the printed certificate itself shows
 * (holder, unit, award, year, decision) and whether it still stands. No dossier, no reasons, no
 * internal ids beyond the case the audit record belongs to.
 */
export interface CertificateCheck {
  verificationCode: string;
  status: 'granted' | 'revoked';
  statusLabel: Localized;
  nominee: { kind: 'person' | 'unit'; name: string };
  /** The holder's unit (a collective's own name), with its current name, as printed. */
  unitName: string | null;
  award: { code: string; name: Localized | null };
  evaluationYear: number;
  decision: PublishedDecision;
  revocation: PublishedRevocation | null;
  audit: { caseId: string; seq: number; recordHash: string; chainIntact: boolean };
}

export interface PublishedDecision {
  number: string | null;
  /** Signing date, YYYY-MM-DD. */
  date: string | null;
  signer: string | null;
  issuingUnitName: string | null;
}

export interface PublishedRevocation {
  number: string | null;
  date: string | null;
  issuingUnitName: string | null;
  /** Law 06/2022 Art 93(2): the ground, never the free-text reason. */
  ground: string | null;
  groundLabel: Localized | null;
}

/** The public check of a certificate's printed verification code (no sign-in). */
@Injectable()
export class CertificateChecksService {
  constructor(
    private readonly catalogue: WorkflowCatalogue,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly facts: CommendationFacts,
  ) {}

  /** Resolves a certificate's code to its decision and checks the case's audit chain. */
  async checkCertificate(code: string): Promise<CertificateCheck> {
    const normalised = normaliseVerificationCode(code);
    const certificate =
      normalised === null ? null : await this.repository.findCertificate(normalised);
    if (certificate === null) throw certificateNotFound();
    const stored = await this.repository.findById(certificate.caseId);
    if (stored === null) throw certificateNotFound();
    const records = await this.repository.fullHistory(stored.id);
    const chain = verifyChain(stored.id, records);
    const record = records.find((r) => r.seq === certificate.seq);
    const { awardCode, evaluationYear } = stored.data as unknown as NominationData;
    const status = this.is(stored, 'revoked') ? 'revoked' : 'granted';
    const subject = stored.subject;
    const unitId = subject.kind === 'person' ? subject.unitId : subject.id;
    return {
      verificationCode: certificate.verificationCode,
      status,
      statusLabel: ENTRY_STATUS_LABELS[status],
      nominee: { kind: subject.kind, name: subject.name },
      unitName: (await this.organisation.findUnitById(unitId))?.name ?? null,
      award: { code: awardCode, name: this.facts.awardOf(stored)?.name ?? null },
      evaluationYear,
      decision: publishedDecision(stored.context.decision),
      revocation: status === 'revoked' ? publishedRevocation(stored.context.revocation) : null,
      audit: {
        caseId: stored.id,
        seq: certificate.seq,
        recordHash: certificate.recordHash,
        chainIntact: chain.ok && record?.hash === certificate.recordHash,
      },
    };
  }

  private is(stored: StoredCase, tag: StateTag): boolean {
    return this.catalogue.tagsOf(stored.workflow, stored.state).includes(tag);
  }
}

type Recorded = Record<string, unknown> | null | undefined;

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The issuing unit's name; version 2 recorded none (its number was typed by hand). */
function issuingUnitNameOf(recorded: Recorded): string | null {
  const unit = recorded?.issuingUnit as Recorded;
  return textOf(unit?.name);
}

function publishedDecision(value: unknown): PublishedDecision {
  const recorded = value as Recorded;
  return {
    number: textOf(recorded?.number),
    date: textOf(recorded?.date),
    signer: textOf(recorded?.signer),
    issuingUnitName: issuingUnitNameOf(recorded),
  };
}

/** Version 3 records the revocation flat; version 2 nested its decision. */
function publishedRevocation(value: unknown): PublishedRevocation {
  const recorded = value as Recorded;
  const decision = (recorded?.decision as Recorded) ?? recorded;
  const ground = textOf(recorded?.ground);
  return {
    number: textOf(decision?.number),
    date: textOf(decision?.date),
    issuingUnitName: issuingUnitNameOf(decision),
    ground,
    groundLabel:
      ground !== null && Object.hasOwn(REVOCATION_GROUNDS, ground)
        ? REVOCATION_GROUNDS[ground]
        : null,
  };
}
