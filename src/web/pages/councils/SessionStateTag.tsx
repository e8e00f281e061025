import type { WorkflowDetail } from '../../api/workflows';
import { StatusTag, stateTone } from '../../components/case/StatusTag';
import { useLocalize } from '../../i18n/language';

/** A session's state as its workflow names it, in a tag toned by what the state means. */
export function SessionStateTag({
  state,
  workflow,
}: {
  state: string;
  workflow: WorkflowDetail | undefined;
}) {
  const localize = useLocalize();
  const spec = workflow?.states.find((candidate) => candidate.name === state);
  return (
    <StatusTag tone={stateTone(spec?.tags, spec?.final ?? false)}>
      {spec ? localize(spec.label) : state}
    </StatusTag>
  );
}
