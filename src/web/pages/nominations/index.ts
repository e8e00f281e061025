/*
 * The nomination screens the case page uses (workflows/nomination.v7.json and later): the form
 * MARK_VERIFIED and APPROVE open, resolving each eligibility line left for review with evidence.
 */
export { nominationModalFor, ReviewResolutionModal } from './ReviewResolutionModal';
