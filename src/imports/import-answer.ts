import { HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ImportAnswer } from './imports.service';

/** Where to poll an accepted job. */
export const IMPORT_JOBS_PATH = '/api/v1/imports/jobs';

/**
 * 202 with the job and its Location (RFC 9110 §15.3.3), saying when the caller's preference was
 * honoured (RFC 7240 §3); or 200 with the report.
 */
export function sendImportAnswer(reply: FastifyReply, answer: ImportAnswer): void {
  if ('report' in answer) {
    void reply.status(HttpStatus.OK).send(answer.report);
    return;
  }
  void reply
    .status(HttpStatus.ACCEPTED)
    .header('location', `${IMPORT_JOBS_PATH}/${answer.accepted.id}`);
  if (answer.preferenceApplied) void reply.header('preference-applied', 'respond-async');
  void reply.send(answer.accepted);
}
