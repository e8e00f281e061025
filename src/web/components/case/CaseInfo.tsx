import { Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { fill, useLanguage, useLocalize, useMessages, type Localized } from '../../i18n/language';
import { formatLegalDate, formatTimestamp } from '../../i18n/format';
import {
  loadAwards,
  loadRuleSetInForce,
  useLoaded,
  type AwardCatalogue,
  type CaseView,
  type PersonSummary,
  type RuleSetDetail,
  type UnitSummary,
  type WorkflowDetail,
} from './caseApi';
import { caseMessages } from './case.messages';
import { isLocalized } from './eventSchema';
import { useCodeLabel } from './labels';
import { ViolationCategoryName, ViolationRecord } from '../../pages/discipline';
import { useSession } from '../../session/session';

/** The reasons a hold gives (src/domain/workflow/hold-steps.ts). */
const HOLD_REASONS = ['discipline_pending', 'complaint_pending'];

/** How a council's count was judged (a nomination's recommendation): codes with a label each. */
const COUNT_TERMS = ['baseKind', 'comparison', 'ballot'];

/** Keys that name a rule set applied ({ id, version }). */
const RULE_SET_KEYS = ['ruleSet', 'award', 'council'];

/** A share (0.6667) as a percentage in the reader's language ("66,7%", "66.7%"). */
function formatShare(share: number, language: 'vi' | 'en'): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

/** Context keys shown elsewhere on the detail (their own tabs), not in "recorded outcomes". */
const SHOWN_ELSEWHERE = new Set([
  'documents',
  'eligibility',
  'evidence',
  'explanation',
  'decisions',
  'appealPending',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

interface RenderContext {
  prefix: 'data' | 'context';
  caseType: string;
  workflow: WorkflowDetail | undefined;
  awards: AwardCatalogue | undefined;
  ruleSet: RuleSetDetail | undefined;
}

/**
 * Renders any JSON value readably: dates as dd/MM/yyyy, {vi,en} in the reader's language,
 * periods as ranges, lists as lists, objects as nested descriptions with labelled keys; the
 * codes the shipped workflows use (awards, categories, grounds, discipline forms) by name.
 */
function useValueRenderer() {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const codeLabel = useCodeLabel();

  const render = (key: string, value: unknown, context: RenderContext): ReactNode => {
    if (value === null || value === undefined || value === '') {
      return <Typography.Text type="secondary">{t.none}</Typography.Text>;
    }
    if (typeof value === 'boolean') return value ? t.yes : t.no;
    if (typeof value === 'number') {
      return key === 'ratio' ? formatShare(value, language) : String(value);
    }
    if (typeof value === 'string') {
      if (key === 'awardCode') {
        const award = context.awards?.items.find((item) => item.code === value);
        return award ? `${localize(award.name)} (${value})` : value;
      }
      if (key === 'category') return <ViolationCategoryName code={value} />;
      // A nomination's links (v7): the movement's page and the registration's case.
      if (key === 'movementId') return <Link to={`/movements/${value}`}>{value}</Link>;
      if (key === 'registrationId') return <Link to={`/cases/${value}`}>{value}</Link>;
      if (key === 'commendationType') {
        const type = context.ruleSet?.commendationTypes?.find((item) => item.code === value);
        return type ? `${localize(type.name)} (${value})` : value;
      }
      if (key === 'ground' || key === 'source') return codeLabel('enum', value);
      // How a council's count was judged (a nomination's recommendation).
      if (COUNT_TERMS.includes(key)) return codeLabel('enum', value);
      // Why a matter holds a nomination (context.holds).
      if (key === 'reason' && HOLD_REASONS.includes(value)) return codeLabel('enum', value);
      if (key === 'event') {
        const event = context.workflow?.events.find((candidate) => candidate.type === value);
        return event ? localize(event.label) : codeLabel('event', value);
      }
      if (DATE.test(value)) return formatLegalDate(value);
      if (TIMESTAMP.test(value)) return formatTimestamp(value, language);
      return <span className="case-prose">{value}</span>;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
      return (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {value.map((item, index) => (
            <li key={index}>{render(key, item, context)}</li>
          ))}
        </ol>
      );
    }
    if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (isLocalized(object)) return localize(object as unknown as Localized);
      if (
        typeof object.from === 'string' &&
        typeof object.to === 'string' &&
        Object.keys(object).length === 2
      ) {
        return fill(t.periodRange, {
          from: formatLegalDate(object.from),
          to: formatLegalDate(object.to),
        });
      }
      if (key === 'discipline' && typeof object.form === 'string') {
        const subject = context.ruleSet?.discipline?.subjects.find(
          (s) => s.code === object.subjectType,
        );
        const form = context.ruleSet?.discipline?.forms.find((f) => f.code === object.form);
        return [
          subject ? localize(subject.name) : object.subjectType,
          form ? localize(form.name) : object.form,
        ]
          .filter(Boolean)
          .join(': ');
      }
      // The rule set (a nomination's eligibility) or rule sets (a council's count) applied.
      if (RULE_SET_KEYS.includes(key) && typeof object.id === 'string') {
        return fill(t.eligibilityRuleSet, { id: object.id, version: String(object.version ?? '') });
      }
      if (typeof object.name === 'string' && typeof object.id === 'string') return object.name;
      return (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={Object.entries(object)
            .filter(([name]) => name !== 'id')
            .map(([name, item]) => ({
              key: name,
              // A hold names its matter by a reference, not a case the reader may open.
              label: codeLabel(
                context.prefix,
                key === 'holds' && name === 'caseId' ? 'holdReference' : name,
                context.caseType,
              ),
              children: render(name, item, context),
            }))}
        />
      );
    }
    return String(value);
  };
  return render;
}

export interface CaseInfoProps {
  caseView: CaseView;
  workflow: WorkflowDetail | undefined;
}

/** The case's data, what its workflow recorded, its subject, and when it was opened/updated. */
export function CaseInfo({ caseView, workflow }: CaseInfoProps) {
  const t = useMessages(caseMessages);
  const { language } = useLanguage();
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  const render = useValueRenderer();
  const awards = useLoaded('awards', loadAwards);
  const ruleSet = useLoaded('ruleset-in-force', loadRuleSetInForce);
  const subject = caseView.subject;
  const unitId = subject.kind === 'person' ? subject.unitId : subject.id;
  // The subject reading the case about them reads no registry: those routes would answer 404.
  const { me } = useSession();
  const self = subject.kind === 'person' && me?.personId === subject.id;
  const unit = useLoaded(self ? null : `unit:${unitId}`, () =>
    api.get<UnitSummary>(`/units/${unitId}`),
  );
  const person = useLoaded(subject.kind === 'person' && !self ? `person:${subject.id}` : null, () =>
    api.get<PersonSummary>(`/people/${subject.id}`),
  );

  const dataContext: RenderContext = {
    prefix: 'data',
    caseType: caseView.type,
    workflow,
    awards: awards.data,
    ruleSet: ruleSet.data,
  };
  const contextContext: RenderContext = { ...dataContext, prefix: 'context' };
  const dataItems: DescriptionsProps['items'] = Object.entries(caseView.data).map(
    ([key, value]) => ({
      key,
      label: codeLabel('data', key, caseView.type),
      children: render(key, value, dataContext),
    }),
  );
  const recorded: DescriptionsProps['items'] = Object.entries(caseView.context)
    .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => ({
      key,
      label: codeLabel('context', key, caseView.type),
      children: render(key, value, contextContext),
    }));
  const subjectItems: DescriptionsProps['items'] = [
    { key: 'name', label: t.subjectName, children: subject.name },
    { key: 'kind', label: t.subjectKind, children: codeLabel('enum', subject.kind) },
    { key: 'code', label: t.subjectCode, children: subject.code },
    {
      key: 'unit',
      label: t.subjectUnit,
      children: unit.data?.name ?? <Typography.Text type="secondary">{t.none}</Typography.Text>,
    },
    ...(person.data
      ? [
          ...(person.data.position
            ? [{ key: 'position', label: t.subjectPosition, children: person.data.position }]
            : []),
          ...(person.data.partyMember !== undefined
            ? [
                {
                  key: 'party',
                  label: t.subjectPartyMember,
                  children: person.data.partyMember ? t.yes : t.no,
                },
              ]
            : []),
        ]
      : []),
  ];
  const metaItems: DescriptionsProps['items'] = [
    {
      key: 'id',
      label: t.caseId,
      children: <Typography.Text copyable>{caseView.id}</Typography.Text>,
    },
    { key: 'opened', label: t.caseOpened, children: formatTimestamp(caseView.createdAt, language) },
    {
      key: 'updated',
      label: t.caseUpdated,
      children: formatTimestamp(caseView.updatedAt, language),
    },
    {
      key: 'workflow',
      label: t.tabWorkflow,
      children: fill(t.workflowVersion, {
        title: workflow ? localize(workflow.title) : caseView.workflow.id,
        version: caseView.workflow.version,
      }),
    },
  ];

  return (
    <>
      <Descriptions
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.dataTitle}</h2>}
        bordered
        column={1}
        size="middle"
        items={
          dataItems.length > 0
            ? dataItems
            : [{ key: 'empty', label: t.dataTitle, children: t.emptyData }]
        }
        style={{ marginBottom: 24 }}
      />
      <ViolationRecord caseView={caseView} />
      {recorded.length > 0 && (
        <Descriptions
          title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.progressTitle}</h2>}
          bordered
          column={1}
          size="middle"
          items={recorded}
          style={{ marginBottom: 24 }}
        />
      )}
      <Descriptions
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.subjectTitle}</h2>}
        bordered
        column={{ xs: 1, md: 2 }}
        size="middle"
        items={subjectItems}
        style={{ marginBottom: 24 }}
      />
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" items={metaItems} />
    </>
  );
}
