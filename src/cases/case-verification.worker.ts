import type { AuditRecord, RecordTexts } from '../domain/audit/audit-record';
import { verifyCase, type CaseVerification } from '../domain/audit/verify-case';
import type { StoredCase } from '../domain/cases/stored-case';
import {
  WorkflowNotFoundError,
  type WorkflowCatalogue,
} from '../domain/workflow/workflow-catalogue';
import { storedTexts, toAuditRecord } from '../persistence/repositories/audit-record-rows';
import { loadWorkflowCatalogue } from '../workflows/workflow-files';
import type {
  CaseBatchInput,
  CaseVerificationInput,
  CaseVerificationOutput,
} from './case-verification.tasks';

/**
 * Runs in a worker thread (see VERIFY_CASE): re-hashing a long chain and replaying it through
 * XState cost CPU in proportion to the history, which on the request thread would stall every
 * other user. Generic like the engine: the workflows come from the folder the app loads, through
 * the same loader, once per thread.
 */
export async function verifyWholeCase(
  input: CaseVerificationInput,
): Promise<CaseVerificationOutput> {
  return verifiedWith(catalogueIn(input.workflowsDir), input.stored, input.records);
}

/**
 * Whole cases from their rows, many per message (`thidua verify`): a message per case would cost
 * more than verifying it. Records are proved from their stored text where it is canonical.
 */
export async function verifyCaseBatch(input: CaseBatchInput): Promise<CaseVerificationOutput[]> {
  const catalogue = catalogueIn(input.workflowsDir);
  return input.cases.map(({ stored, rows }) =>
    verifiedWith(catalogue, stored, rows.map(toAuditRecord), rows.map(storedTexts)),
  );
}

function verifiedWith(
  catalogue: WorkflowCatalogue,
  stored: StoredCase,
  records: readonly AuditRecord[],
  texts?: readonly RecordTexts[],
): CaseVerificationOutput {
  try {
    const verification: CaseVerification = verifyCase(
      stored,
      records,
      (pin) =>
        pin === null
          ? catalogue.get(stored.workflow.id, stored.workflow.version)
          : catalogue.get(pin.id, pin.version),
      texts,
    );
    return { verification };
  } catch (error) {
    // Only a thrown error's message crosses threads: this one must reach the caller as its 404.
    if (error instanceof WorkflowNotFoundError) {
      return { workflowNotFound: { message: error.message, details: error.details } };
    }
    throw error;
  }
}

const catalogues = new Map<string, WorkflowCatalogue>();

function catalogueIn(directory: string): WorkflowCatalogue {
  let catalogue = catalogues.get(directory);
  if (catalogue === undefined) {
    catalogue = loadWorkflowCatalogue(directory);
    catalogues.set(directory, catalogue);
  }
  return catalogue;
}
