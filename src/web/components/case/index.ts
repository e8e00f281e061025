/*
 * The case components other features may reuse. Import from 'components/case' only what is
 * listed here; the rest of the folder is internal.
 */
export { CaseDetail, CaseOutputs, ruleSetOptions } from './CaseDetail';
export { StatusTag, stateTone } from './StatusTag';
export type { Tone } from './StatusTag';
export type { CaseDetailProps, CaseOutputsProps, CaseTab } from './CaseDetail';
export { CaseActions, EventModal, EVENTS_WITHOUT_BUTTON } from './CaseActions';
export type { CaseActionsProps, EventModalProps } from './CaseActions';
export { DATE_FORMAT, EventForm, initialValuesFor, showProblemOnForm } from './EventForm';
export type { EventFormProps } from './EventForm';
export {
  buildPayload,
  flattenFields,
  mapFieldErrors,
  problemFieldPath,
  schemaFromGuards,
  schemaToFields,
} from './eventSchema';
export type { FieldDescriptor, FieldKind, FieldOption } from './eventSchema';
export { CaseListView, ALL_FILTERS } from './CaseList';
export type { CaseFilter, CaseListViewProps } from './CaseList';
export { CaseHistory, ChainVerification } from './CaseHistory';
export type { CaseHistoryProps, ChainVerificationProps } from './CaseHistory';
export { CaseEligibility, EligibilityReport } from './EligibilityReport';
export type { CaseEligibilityProps, EligibilityReportProps } from './EligibilityReport';
export { CaseDocuments, mediaTypeOf } from './CaseDocuments';
export type { CaseDocumentsProps } from './CaseDocuments';
export { CaseInfo } from './CaseInfo';
export type { CaseInfoProps } from './CaseInfo';
export { WorkflowDiagram } from './WorkflowDiagram';
export type { WorkflowDiagramProps } from './WorkflowDiagram';
export * from './caseApi';
