import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api/client';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import type { WorkflowDetail } from './caseApi';
import { caseMessages } from './case.messages';

export interface WorkflowDiagramProps {
  workflow: WorkflowDetail;
  /** The case's state, highlighted in the diagram and named in its text alternative. */
  currentState?: string;
}

/**
 * The workflow drawn by the server (GET /workflows/:id/versions/:v/diagram.svg, same origin, the
 * session cookie authenticates it), with the current step highlighted; its alt text names the
 * current step, and the steps are also listed as text (or instead, when the image fails).
 */
export function WorkflowDiagram({ workflow, currentState }: WorkflowDiagramProps) {
  const t = useMessages(caseMessages);
  const { language } = useLanguage();
  const localize = useLocalize();
  const [failed, setFailed] = useState<string | null>(null);
  const source = withQuery(
    `/api/v1/workflows/${encodeURIComponent(workflow.id)}/versions/${workflow.version}/diagram.svg`,
    { lang: language, current: currentState },
  );
  const current = workflow.states.find((state) => state.name === currentState);
  const title = localize(workflow.title);
  const steps = (
    <ol>
      {workflow.states.map((state) => (
        <li key={state.name}>
          {state.name === currentState ? (
            <strong>{localize(state.label)}</strong>
          ) : (
            localize(state.label)
          )}
          {state.name === currentState && ` (${t.diagramCurrent})`}
          {state.final && state.name !== currentState && ` (${t.diagramFinal})`}
          {state.transitions.length > 0 && (
            <Typography.Text type="secondary">
              {' → '}
              {[...new Set(state.transitions.map((transition) => transition.target))]
                .map((target) => workflow.states.find((candidate) => candidate.name === target))
                .map((target) => (target ? localize(target.label) : ''))
                .join('; ')}
            </Typography.Text>
          )}
        </li>
      ))}
    </ol>
  );

  if (failed === source) {
    return (
      <>
        <Alert type="info" showIcon title={t.diagramUnavailable} style={{ marginBottom: 8 }} />
        {steps}
      </>
    );
  }
  return (
    <>
      <img
        src={source}
        className="case-diagram"
        alt={fill(t.diagramAlt, { workflow: title, state: current ? localize(current.label) : '' })}
        onError={() => setFailed(source)}
      />
      <details style={{ marginTop: 12 }}>
        <summary>{t.diagramSteps}</summary>
        {steps}
      </details>
    </>
  );
}
