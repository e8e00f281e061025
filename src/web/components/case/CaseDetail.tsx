import {
  FileExcelOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { todayInVietnam } from '../../i18n/format';
import {
  loadAwards,
  loadRuleSetInForce,
  loadWorkflow,
  isExistenceOnly,
  useLoaded,
  type CaseExistenceView,
  type CaseView,
  type RuleSetDetail,
  type WorkflowDetail,
} from './caseApi';
import { caseMessages } from './case.messages';
import { CaseActions, EVENTS_WITHOUT_BUTTON } from './CaseActions';
import { CaseDocuments } from './CaseDocuments';
import { CaseHistory } from './CaseHistory';
import { CaseObjections } from './CaseObjections';
import { HoldingCases } from './HoldingCases';
import { privacyMessages } from './privacy.messages';
import { hasRole, useSession } from '../../session/session';
import { CaseInfo } from './CaseInfo';
import { CaseEligibility } from './EligibilityReport';
import type { FieldOption } from './eventSchema';
import { useCodeLabel } from './labels';
import { StatusTag, stateTone } from './StatusTag';
import { WorkflowDiagram } from './WorkflowDiagram';
import { Loading } from '../Loading';
import { hasEvidence, violationModalFor, ViolationEvidence } from '../../pages/discipline';
import { nominationModalFor } from '../../pages/nominations';

export type CaseTab = 'info' | 'eligibility' | 'documents' | 'objections' | 'history' | 'workflow';

export interface CaseDetailProps {
  caseId: string;
  /** Which tab opens first (default: info). */
  initialTab?: CaseTab;
  /** Called whenever the case is (re)loaded or changed by an action here. */
  onCaseChange?: (caseView: CaseView) => void;
}

/**
 * Choices for payload fields the schema leaves as codes: a discipline's subject type and form
 * come from the rule set in force (the form's choices follow the chosen subject type).
 */
export function ruleSetOptions(ruleSet: RuleSetDetail | undefined) {
  return (
    _eventType: string,
    name: string,
    values: Record<string, unknown>,
  ): FieldOption[] | undefined => {
    const discipline = ruleSet?.discipline;
    if (!discipline) return undefined;
    if (name.endsWith('subjectType')) {
      return discipline.subjects.map((subject) => ({ value: subject.code, label: subject.name }));
    }
    if (name === 'discipline.form' || name.endsWith('.form')) {
      const chosen = (values.discipline as { subjectType?: string } | undefined)?.subjectType;
      const subject = discipline.subjects.find((candidate) => candidate.code === chosen);
      const today = todayInVietnam();
      return discipline.forms
        .filter((form) => !form.abolishedFrom || form.abolishedFrom > today)
        .filter((form) => !subject || subject.forms.some((allowed) => allowed.form === form.code))
        .map((form) => ({ value: form.code, label: form.name }));
    }
    return undefined;
  };
}

/**
 * Everything about one case: header (subject, type, state, version), the actions the caller may
 * take now, and tabs for its data, eligibility (nominations), documents, history with the chain's
 * verification, and the workflow diagram. Works for any case type: what it does not know it shows
 * generically.
 */
export function CaseDetail({ caseId, initialTab = 'info', onCaseChange }: CaseDetailProps) {
  const t = useMessages(caseMessages);
  const privacy = useMessages(privacyMessages);
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  const { me } = useSession();
  // Objectors' identities are for these roles; the server still checks the case's unit.
  const mayReadObjectors = me ? hasRole(me, 'secretariat', 'auditor') : false;
  const [caseView, setCaseView] = useState<CaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<string>(initialTab);

  const listener = useRef(onCaseChange);
  listener.current = onCaseChange;
  const adopt = useCallback((view: CaseView) => {
    setCaseView(view);
    setError(null);
    listener.current?.(view);
  }, []);
  const [existence, setExistence] = useState<CaseExistenceView | null>(null);
  const load = useCallback(async () => {
    try {
      const view = await api.get<CaseView | CaseExistenceView>(`/cases/${caseId}`);
      if (isExistenceOnly(view)) {
        setExistence(view);
        setError(null);
      } else {
        adopt(view);
      }
    } catch (failure) {
      setError(failure);
    }
  }, [caseId, adopt]);

  useEffect(() => {
    setCaseView(null);
    setExistence(null);
    void load();
  }, [load]);

  const pin = caseView ? `${caseView.workflow.id}@${caseView.workflow.version}` : null;
  const workflow = useLoaded(pin, () =>
    loadWorkflow(caseView!.workflow.id, caseView!.workflow.version),
  );
  const ruleSet = useLoaded('ruleset-in-force', loadRuleSetInForce);
  const awards = useLoaded('awards', loadAwards);
  const optionsFor = useMemo(() => ruleSetOptions(ruleSet.data), [ruleSet.data]);

  if (existence !== null) return <CaseExistence view={existence} />;
  if (caseView === null) {
    if (error instanceof ApiError && error.status === 404) {
      return <Result status="404" title={<PageTitle>{t.caseNotFound}</PageTitle>} />;
    }
    if (error) {
      return (
        <>
          <PageTitle>{t.tabInfo}</PageTitle>
          <ProblemAlert error={error} />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t.reload}
          </Button>
        </>
      );
    }
    return <Loading />;
  }

  const definition: WorkflowDetail | undefined = workflow.data;
  const stateSpec = definition?.states.find((state) => state.name === caseView.state);
  const tags = stateSpec?.tags;
  const isNomination = caseView.type === 'nomination';
  const hasDocuments =
    Array.isArray(caseView.context.documents) ||
    definition?.events.some((event) => event.type === 'ATTACH_DOCUMENT') === true ||
    hasEvidence(caseView, definition);
  const award = awards.data?.items.find((item) => item.code === caseView.data.awardCode);
  const typeLabel = codeLabel('type', caseView.type);
  // Events whose every way out needs a public notice the award does not have (or the reverse):
  // the server would refuse them, so no button offers them.
  const noticeRequired = award?.publicNotice?.required;
  const pointless =
    noticeRequired === undefined
      ? []
      : caseView.allowedEvents
          .map((event) => event.type)
          .filter((type) => {
            const ways =
              stateSpec?.transitions.filter((transition) => transition.event === type) ?? [];
            const refused = noticeRequired ? 'publicNoticeNotRequired' : 'publicNoticeRequired';
            return (
              ways.length > 0 &&
              ways.every((way) => way.guards.some((guard) => guard.name === refused))
            );
          });
  const title = award
    ? `${caseView.subject.name} – ${localize(award.name)}${
        typeof caseView.data.evaluationYear === 'number' ? ` ${caseView.data.evaluationYear}` : ''
      }`
    : `${caseView.subject.name} – ${typeLabel}`;

  const tabs = [
    {
      key: 'info',
      label: t.tabInfo,
      children: (
        <>
          <CaseInfo caseView={caseView} workflow={definition} />
          {isNomination && <HoldingCases caseId={caseView.id} version={caseView.version} />}
        </>
      ),
    },
    ...(isNomination
      ? [
          {
            key: 'eligibility',
            label: t.tabEligibility,
            children: <CaseEligibility caseView={caseView} workflow={definition} />,
          },
        ]
      : []),
    ...(hasDocuments
      ? [
          {
            key: 'documents',
            label: t.tabDocuments,
            children: hasEvidence(caseView, definition) ? (
              <ViolationEvidence caseView={caseView} onChanged={adopt} />
            ) : (
              <CaseDocuments caseView={caseView} onChanged={adopt} />
            ),
          },
        ]
      : []),
    ...(isNomination && mayReadObjectors
      ? [
          {
            key: 'objections',
            label: privacy.tabObjections,
            children: <CaseObjections caseId={caseView.id} refreshKey={caseView.version} />,
          },
        ]
      : []),
    {
      key: 'history',
      label: t.tabHistory,
      children: <CaseHistory caseId={caseView.id} refreshKey={caseView.version} />,
    },
    {
      key: 'workflow',
      label: t.tabWorkflow,
      children: definition ? (
        <WorkflowDiagram workflow={definition} currentState={caseView.state} />
      ) : (
        <Spin />
      ),
    },
  ];

  return (
    <article>
      <PageTitle>{title}</PageTitle>
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <Tag>{typeLabel}</Tag>
        <span>
          {t.stateLabel}:{' '}
          <StatusTag tone={stateTone(tags, caseView.closed)}>
            {localize(caseView.stateLabel)}
          </StatusTag>
        </span>
        <Typography.Text type="secondary">
          {fill(t.caseVersion, { n: caseView.version })}
        </Typography.Text>
      </Space>
      {caseView.closed && (
        <Alert
          type="info"
          showIcon
          title={fill(t.caseClosed, { state: localize(caseView.stateLabel) })}
          style={{ marginBottom: 16 }}
        />
      )}
      {workflow.status === 'failed' && <ProblemAlert error={workflow.error} />}
      {!caseView.closed && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <CaseActions
            caseView={caseView}
            workflow={definition}
            onChanged={(updated) => (updated ? adopt(updated) : void load())}
            optionsFor={optionsFor}
            exclude={[...EVENTS_WITHOUT_BUTTON, ...pointless]}
            modalFor={(type) =>
              violationModalFor(caseView, type) ?? nominationModalFor(caseView, type)
            }
          />
        </Card>
      )}
      {isNomination && <CaseOutputs caseView={caseView} tags={tags} />}
      <Tabs activeKey={tab} onChange={setTab} items={tabs} />
    </article>
  );
}

export interface CaseOutputsProps {
  caseView: CaseView;
  /** The tags of the case's state (its workflow's `states[].tags`). */
  tags: string[] | undefined;
}

/**
 * The printable outputs of an announced award: the certificate while the award stands, and the
 * decision in full and its list (CSV, Excel) once a decision was announced (a revoked award keeps
 * them). The decision and the certificate are the Vietnamese documents; an English reader may
 * also take an English rendering of each, for reference (`lang=en`).
 */
export function CaseOutputs({ caseView, tags }: CaseOutputsProps) {
  const t = useMessages(caseMessages);
  // The list in the reader's language; the decision and the certificate in Vietnamese, and in
  // English too for an English reader.
  const { language } = useLanguage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const decision = caseView.context.decision as { number?: unknown } | null | undefined;
  const announced = typeof decision?.number === 'string';
  const granted = tags?.includes('granted') === true;
  if (!announced) return null;

  const download = async (key: string, path: string, query?: Record<string, string>) => {
    setBusy(key);
    setError(null);
    try {
      await api.download(path, query);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-label={t.outputsTitle} style={{ marginBottom: 16 }}>
      <ProblemAlert error={error} />
      <Space wrap>
        <Typography.Text strong>{t.outputsTitle}:</Typography.Text>
        {granted && (
          <Button
            icon={<FilePdfOutlined />}
            loading={busy === 'pdf'}
            onClick={() => void download('pdf', `/cases/${caseView.id}/certificate`)}
          >
            {t.certificatePdf}
          </Button>
        )}
        {granted && language === 'en' && (
          <Button
            icon={<FilePdfOutlined />}
            loading={busy === 'pdf-en'}
            onClick={() =>
              void download('pdf-en', `/cases/${caseView.id}/certificate`, { lang: 'en' })
            }
          >
            {t.certificatePdfEnglish}
          </Button>
        )}
        <Button
          icon={<FilePdfOutlined />}
          loading={busy === 'decision'}
          onClick={() => void download('decision', `/cases/${caseView.id}/decision.pdf`)}
        >
          {t.decisionPdf}
        </Button>
        {language === 'en' && (
          <Button
            icon={<FilePdfOutlined />}
            loading={busy === 'decision-en'}
            onClick={() =>
              void download('decision-en', `/cases/${caseView.id}/decision.pdf`, { lang: 'en' })
            }
          >
            {t.decisionPdfEnglish}
          </Button>
        )}
        <Button
          icon={<FileTextOutlined />}
          loading={busy === 'csv'}
          onClick={() =>
            void download('csv', `/cases/${caseView.id}/decision-list`, {
              format: 'csv',
              lang: language,
            })
          }
        >
          {t.decisionListCsv}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          onClick={() =>
            void download('xlsx', `/cases/${caseView.id}/decision-list`, {
              format: 'xlsx',
              lang: language,
            })
          }
        >
          {t.decisionListXlsx}
        </Button>
      </Space>
    </section>
  );
}

/** A need-to-know case the caller may only know to exist: its type, its state, and that sentence. */
function CaseExistence({ view }: { view: CaseExistenceView }) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  return (
    <Card>
      <Space orientation="vertical" size="middle">
        <PageTitle>{`${t.existenceOnlyTitle} – ${codeLabel('type', view.type)}`}</PageTitle>
        <Space>
          <Typography.Text type="secondary">{t.stateLabel}</Typography.Text>
          <StatusTag tone="gray">{localize(view.stateLabel)}</StatusTag>
        </Space>
        <Alert type="info" showIcon message={t.existenceOnly} />
      </Space>
    </Card>
  );
}
