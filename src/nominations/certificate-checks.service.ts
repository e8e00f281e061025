import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ChainVerifications } from '../cases/chain-verifications';
import { Clock } from '../common/clock';
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
import { Database } from '../persistence/database';
import { SqlChainVerificationsRepository } from '../persistence/repositories/sql-chain-verifications.repository';
import { VerificationRowsRepository } from '../persistence/repositories/verification-rows.repository';
import { ENTRY_STATUS_LABELS, normaliseVerificationCode } from '../outputs/award-decision';
import { WorkerPool } from '../workers/worker-pool';
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

/** Stored chain checks older than this are redone in the background. */
const RECHECK_AFTER_MS = 24 * 60 * 60 * 1000;
/** How often the background looks for old checks, and how many it redoes each time at most. */
const RECHECK_EVERY_MS = 10 * 60 * 1000;
const RECHECK_BATCH = 20;

/**
 * The public check of a certificate's printed verification code (no sign-in). It never hashes a
 * chain on the request thread: the case's chain check is stored per head (ChainVerifications) and
 * made in a worker thread only when the head has moved; an unknown code costs one indexed read.
 */
@Injectable()
export class CertificateChecksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CertificateChecks');
  private readonly chains: ChainVerifications;
  private recheckTimer: NodeJS.Timeout | null = null;
  private rechecking: Promise<number> | null = null;

  constructor(
    private readonly catalogue: WorkflowCatalogue,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly facts: CommendationFacts,
    private readonly clock: Clock,
    database: Database,
    pool: WorkerPool,
  ) {
    this.chains = new ChainVerifications(
      new SqlChainVerificationsRepository(database),
      repository,
      pool,
      clock,
      new VerificationRowsRepository(database),
    );
  }

  onApplicationBootstrap(): void {
    this.recheckTimer = setInterval(() => void this.recheckOldChains(), RECHECK_EVERY_MS);
    this.recheckTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.recheckTimer !== null) clearInterval(this.recheckTimer);
    this.recheckTimer = null;
    await this.rechecking;
  }

  /**
   * Redoes the stored chain checks older than a day (a few per run; the rest on the next runs),
   * so a record rewritten behind the application's back shows on the public page within about a
   * day even if nothing was appended to its case since. Overlapping calls share the run.
   */
  recheckOldChains(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - RECHECK_AFTER_MS).toISOString();
    this.rechecking ??= this.chains
      .recheckMadeBefore(before, RECHECK_BATCH)
      .catch((error: unknown) => {
        // A busy pool or a closing app: what was not redone is due again on a later run.
        this.logger.warn(
          `Re-checking stored chain checks stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 0;
      })
      .finally(() => (this.rechecking = null));
    return this.rechecking;
  }

  /** Resolves a certificate's code to its decision and the case's stored chain check. */
  async checkCertificate(code: string): Promise<CertificateCheck> {
    const normalised = normaliseVerificationCode(code);
    const certificate =
      normalised === null ? null : await this.repository.findCertificate(normalised);
    if (certificate === null) throw certificateNotFound();
    const stored = await this.repository.findById(certificate.caseId);
    if (stored === null) throw certificateNotFound();
    const chain = await this.chains.atHead(stored);
    const [record] = await this.repository.history(stored.id, certificate.seq - 1, 1);
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
        chainIntact:
          chain.ok && record?.seq === certificate.seq && record.hash === certificate.recordHash,
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
