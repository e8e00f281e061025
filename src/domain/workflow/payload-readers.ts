import { isIsoDate } from '../calendar/iso-date';
import type { CaseEvent } from './case-event';

/** Reads of an event's user-supplied payload, shared by the named guards and actions. */

export function reasonOf(event: CaseEvent): string | undefined {
  const reason = event.payload.reason;
  return typeof reason === 'string' ? reason.trim() : undefined;
}

export function nonEmptyText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

export interface DecisionRecord {
  number: string;
  date: string;
  signer: string;
}

/** payload.decision with its number (workflows where the user types the number). */
export function decisionOf(event: CaseEvent): DecisionRecord | undefined {
  const details = decisionDetailsOf(event);
  const number = (event.payload.decision as Record<string, unknown> | undefined)?.number;
  if (details === undefined || !nonEmptyText(number, 100)) return undefined;
  return { number: number.trim(), ...details };
}

/** payload.decision's date and signer (workflows where the system allocates the number). */
export function decisionDetailsOf(event: CaseEvent): Omit<DecisionRecord, 'number'> | undefined {
  const decision = event.payload.decision;
  if (typeof decision !== 'object' || decision === null) return undefined;
  const { date, signer } = decision as Record<string, unknown>;
  if (!isIsoDate(date) || !nonEmptyText(signer, 200)) return undefined;
  return { date, signer: signer.trim() };
}
