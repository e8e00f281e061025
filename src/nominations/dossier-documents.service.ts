import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import type { Principal } from '../domain/org/principal';
import type { DocumentFact } from '../domain/workflow/event-facts';
import {
  CASES_REPOSITORY,
  type CaseTransaction,
  type CasesRepository,
  type StoredDocument,
} from '../persistence/repositories/cases.repository';
import { memberAccess } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import { CaseQueries } from '../cases/case-queries.service';
import type { CommandResult, IdempotentRequest } from '../cases/idempotency';
import { DOCUMENT_MEDIA_TYPES } from '../common/body-parsing';
import { AppConfig } from '../config/app-config';
import { Database } from '../persistence/database';
import { UploadQuota } from '../uploads/upload-quota';
import { SqlUploadUsageRepository } from '../uploads/upload-usage.repository';
import { CommendationFacts } from './commendation-facts.service';
import { documentNotFound, unacceptableDocument, unknownDocumentCode } from './nomination-errors';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';

/**
 * The code of a violation case's evidence (a police notice, a photo, minutes of verification): not a
 * dossier document of the rule set; it is recorded by the workflow's ATTACH_EVIDENCE, and a case
 * whose workflow has no such event refuses it.
 */
export const EVIDENCE_DOCUMENT_CODE = 'evidence';

/**
 * The code of a unit's implementation plan for a movement it takes part in: recorded by the
 * participation workflow's ATTACH_PLAN, hashed like evidence; a case without that event refuses it.
 */
export const IMPLEMENTATION_PLAN_DOCUMENT_CODE = 'implementation_plan';

/** Uploads that are not dossier documents of the rule set, and the event each is recorded by. */
const CASE_FILE_EVENTS: Readonly<Record<string, string>> = {
  [EVIDENCE_DOCUMENT_CODE]: 'ATTACH_EVIDENCE',
  [IMPLEMENTATION_PLAN_DOCUMENT_CODE]: 'ATTACH_PLAN',
};

/** An upload as it arrives: the file is the request body, described by the query and headers. */
export interface DocumentUpload {
  code: string;
  fileName: string;
  contentType: string | undefined;
  /** A Buffer when the body parser took the body as a file of an accepted type. */
  body: unknown;
}

interface UploadedDocument {
  code: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** What the first bytes of each accepted type are: a mislabelled file is refused. */
const SIGNATURES: Record<string, Buffer[]> = {
  'application/pdf': [Buffer.from('%PDF-')],
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
};

/** 1–255 characters, no control characters (a header or log line must not be split) and no path. */
function isAcceptableFileName(name: string): boolean {
  if (name.length < 1 || name.length > 255) return false;
  return ![...name].some((char) => char.charCodeAt(0) < 0x20 || char === '/' || char === '\\');
}

/**
 * Documents of a case: a nomination's dossier documents (ATTACH_DOCUMENT), a violation case's
 * evidence (ATTACH_EVIDENCE) and a unit's implementation plan for a movement (ATTACH_PLAN). The file is stored and the event recording its SHA-256 is applied in
 * one transaction; files are served only to those who may read the case.
 */
@Injectable()
export class DossierDocumentsService {
  /** Null only where the engine is assembled without the server (benchmarks, engine tests). */
  private readonly quota: { check: UploadQuota; database: Database } | null;

  constructor(
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    private readonly facts: CommendationFacts,
    private readonly clock: Clock,
    @Optional() database?: Database,
    @Optional() config?: AppConfig,
  ) {
    this.quota =
      database && config ? { check: new UploadQuota(config.uploadQuota), database } : null;
  }

  async upload(
    principal: Principal,
    caseId: string,
    received: DocumentUpload,
    request: IdempotentRequest,
  ): Promise<CommandResult> {
    const upload = asDocument(received);
    const caseFileEvent = Object.hasOwn(CASE_FILE_EVENTS, upload.code)
      ? CASE_FILE_EVENTS[upload.code]
      : undefined;
    if (caseFileEvent === undefined) {
      const { ruleSet } = this.facts.ruleSetInForce();
      const known = ruleSet.documents.map((d) => d.code);
      if (!known.includes(upload.code)) {
        throw unknownDocumentCode(upload.code, [...known, ...Object.keys(CASE_FILE_EVENTS)]);
      }
    }
    checkFile(upload);
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const document: DocumentFact = {
      id: uuidv7(),
      code: upload.code,
      sha256,
      size: upload.content.length,
      mediaType: upload.mediaType,
      fileName: upload.fileName.normalize('NFC'),
    };
    const stored: StoredDocument = {
      id: document.id,
      caseId,
      code: document.code,
      fileName: document.fileName,
      mediaType: document.mediaType,
      size: document.size,
      sha256,
      uploadedBy: principal.userId,
      uploadedAt: this.clock.nowIso(),
    };
    return this.commands.applyEvent(
      {
        caseId,
        type: caseFileEvent ?? 'ATTACH_DOCUMENT',
        payload: {},
        access: memberAccess(principal),
        suppliedFacts: { document },
        beforeStep: async (tx) => {
          await this.checkQuota(tx, stored);
          await tx.insertDocument(stored, upload.content);
        },
      },
      request,
      // The idempotency fingerprint covers the file itself, not just its name.
      { code: upload.code, fileName: document.fileName, sha256 },
    );
  }

  /**
   * In the transaction that writes the document, after the case is locked and found readable and
   * writable by the uploader (an outsider learns nothing of its dossier from a quota answer); a
   * repeat of a keyed upload already applied is answered before, however full the quota is now.
   */
  private async checkQuota(tx: CaseTransaction, stored: StoredDocument): Promise<void> {
    if (this.quota === null) return;
    const usage = new SqlUploadUsageRepository(sqlManagerOf(tx), this.quota.database.dialect);
    await this.quota.check.check(usage, {
      userId: stored.uploadedBy,
      caseId: stored.caseId,
      size: stored.size,
      now: new Date(stored.uploadedAt),
    });
  }

  /**
   * The file, to someone who reads the case in full (anyone else: 404, as for a missing case). One
   * who may only know that a case exists (a unit leader, of a need-to-know case) reads none of its
   * files, as none of its history.
   */
  async download(
    principal: Principal,
    caseId: string,
    documentId: string,
  ): Promise<{ document: StoredDocument; content: Buffer }> {
    await this.queries.load(principal, caseId);
    const found = /^[0-9a-f-]{36}$/.test(documentId)
      ? await this.repository.findDocument(caseId, documentId)
      : null;
    if (found === null) throw documentNotFound(documentId);
    return found;
  }
}

/** The file itself is the body, of a type a dossier accepts (checked before anything else). */
function asDocument({ code, fileName, contentType, body }: DocumentUpload): UploadedDocument {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!(DOCUMENT_MEDIA_TYPES as readonly string[]).includes(mediaType) || !Buffer.isBuffer(body)) {
    throw unacceptableDocument({
      vi: `Gửi chính tệp tài liệu làm nội dung, với Content-Type là ${DOCUMENT_MEDIA_TYPES.join(', ')}.`,
      en: `Send the file itself as the body, with Content-Type ${DOCUMENT_MEDIA_TYPES.join(', ')}.`,
    });
  }
  return { code, fileName, mediaType, content: body };
}

function checkFile(upload: UploadedDocument): void {
  if (!isAcceptableFileName(upload.fileName)) {
    throw unacceptableDocument({
      vi: 'Tên tệp (tham số fileName) phải có từ 1 đến 255 ký tự, không chứa ký tự điều khiển hay dấu /.',
      en: 'The file name (fileName) must be 1 to 255 characters, with no control characters or slashes.',
    });
  }
  if (upload.content.length === 0) {
    throw unacceptableDocument({ vi: 'Tệp rỗng.', en: 'The file is empty.' });
  }
  const signatures = SIGNATURES[upload.mediaType] ?? [];
  if (
    !signatures.some((signature) => upload.content.subarray(0, signature.length).equals(signature))
  ) {
    throw unacceptableDocument({
      vi: `Nội dung tệp không phải ${upload.mediaType} như đã khai báo.`,
      en: `The file is not the ${upload.mediaType} its Content-Type says.`,
    });
  }
}
