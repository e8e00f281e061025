import type { ComponentType } from 'react';
import type { EventModalProps } from '../../components/case/CaseActions';
import type { CaseView } from '../../components/case/caseApi';
import { isDisciplineCase } from './api';
import { DecideModal } from './DecideForm';
import { AnnounceModal, AppealModal, DecideAppealModal } from './DecisionEventForms';

/*
 * The violation screens the case page uses (workflows/violation.v4.json and later): its own forms
 * for the events whose choices come from the case and the rule set, the evidence, and the record
 * of the explanation and the decisions.
 */

const OWN_FORMS: Record<string, ComponentType<EventModalProps>> = {
  DECIDE: DecideModal,
  ANNOUNCE: AnnounceModal,
  APPEAL: AppealModal,
  DECIDE_APPEAL: DecideAppealModal,
};

/** The form a violation case's event opens instead of the one generated from its schema. */
export function violationModalFor(
  caseView: CaseView,
  eventType: string,
): ComponentType<EventModalProps> | undefined {
  return isDisciplineCase(caseView) ? OWN_FORMS[eventType] : undefined;
}

export { ViolationRecord } from './ViolationRecord';
export { ViolationEvidence, hasEvidence } from './ViolationEvidence';
export { ViolationCategoryName } from './ViolationCategoryName';
