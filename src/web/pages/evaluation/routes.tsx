import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { evaluationMessages } from './evaluation.messages';
import { EvaluationSheetPage } from './EvaluationSheetPage';

/** Who may read the sheet (src/evaluation SHEET_READERS; the server checks again, per unit). */
export const EVALUATION_READERS: Role[] = [
  'secretariat',
  'council_chair',
  'auditor',
  'unit_leader',
];

function Gated() {
  const t = useMessages(evaluationMessages);
  return (
    <RoleGate roles={EVALUATION_READERS} title={t.title}>
      <EvaluationSheetPage />
    </RoleGate>
  );
}

/** The annual evaluation sheet (mounted under the app shell by app/routes.tsx). */
export const evaluationRoutes: RouteObject[] = [{ path: '/evaluation', element: <Gated /> }];
