import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fold, matchesWords } from '../../i18n/fold';
import { todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import {
  latestWorkflow,
  nominationApi,
  type CaseView,
  type CatalogueAward,
  type SubjectKind,
  type WorkflowDetail,
} from './api';
import { AwardDossier } from './AwardDossier';
import { EligibilityReport } from './EligibilityReport';
import { useUnits } from '../../components/useUnits';
import { nominationMessages } from './nomination.messages';
import { RoleGate } from './RoleGate';
import { PersonSelect, UnitSelect } from './SubjectPickers';
import { useLoad } from '../../components/useLoad';
import { commonMessages } from './common.messages';

/** The limits of the nomination workflow's dataSchema (workflows/nomination.v3.json). */
const MIN_YEAR = 2000;
const MOVEMENT_MAX = 500;
const SUMMARY_MAX = 20000;
const INITIATIVES_MAX = 50;
const INITIATIVE_MAX_LENGTH = 1000;
const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';

interface NominationForm {
  subjectKind: SubjectKind;
  personId?: string;
  unitId?: string;
  awardCode?: string;
  evaluationYear?: number;
  customPeriod?: boolean;
  periodFrom?: Dayjs;
  periodTo?: Dayjs;
  movement?: string;
  movementId?: string;
  commendationType?: string;
  achievementSummary?: string;
  initiatives?: string;
}

interface AwardOption {
  value: string;
  label: string;
  /** The name in the other language, shown beside (the catalogue is bilingual). */
  otherName: string;
  alsoCalled: string;
  searchText: string;
}

/** Year-end reviews run in November–December; before that, the year just ended is the usual one. */
function defaultYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 11 ? year : year - 1;
}

/** What `?registrationId=` fills in: the registration's nominee, movement and first target award. */
interface RegistrationPrefill {
  id: string;
  subjectName: string;
  values: Partial<NominationForm>;
}

const isUuid = (value: string | null): value is string =>
  value !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

/** Reads the registration a nomination is created from (GET /cases/:id), for the form. */
async function registrationPrefill(id: string, signal: AbortSignal): Promise<RegistrationPrefill> {
  const registration = await nominationApi.caseById(id, signal);
  const { subject, data } = registration;
  const targets = data.targets as { awardCodes?: unknown } | undefined;
  const firstAward = Array.isArray(targets?.awardCodes) ? targets.awardCodes[0] : undefined;
  const values: Partial<NominationForm> =
    subject.kind === 'person'
      ? { subjectKind: 'person', personId: subject.id }
      : { subjectKind: 'unit', unitId: subject.id };
  if (typeof data.movementId === 'string') values.movementId = data.movementId;
  if (typeof firstAward === 'string') values.awardCode = firstAward;
  return { id, subjectName: subject.name, values };
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function NewNominationPage() {
  const t = useMessages(nominationMessages);
  const workflow = useLoad(() => latestWorkflow('nomination'), 'nomination');
  const roles: Role[] = workflow.data?.openRoles ?? ['unit_leader'];
  return (
    <RoleGate roles={roles} title={t.title}>
      <NominationScreen workflow={workflow.data} />
    </RoleGate>
  );
}

function NominationScreen({ workflow }: { workflow: WorkflowDetail | undefined }) {
  const common = useMessages(commonMessages);
  const t = useMessages(nominationMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const [form] = Form.useForm<NominationForm>();
  const [params] = useSearchParams();
  const wantedRegistration = params.get('registrationId');
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));

  const units = useUnits();
  const catalogue = useLoad(async (signal) => {
    const awards = await nominationApi.awards(signal);
    const ruleSet = await nominationApi.ruleSet(awards.ruleSet.id, awards.ruleSet.version, signal);
    return { awards, ruleSet };
  }, 'catalogue');

  const movements = useLoad((signal) => nominationApi.movements(signal), 'movements');
  const registration = useLoad(
    (signal) =>
      isUuid(wantedRegistration)
        ? registrationPrefill(wantedRegistration, signal)
        : Promise.resolve(null),
    `registration:${wantedRegistration ?? ''}`,
  );
  const prefilled = registration.data ?? null;
  useEffect(() => {
    if (prefilled) form.setFieldsValue(prefilled.values);
  }, [prefilled, form]);

  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ view: CaseView; award: CatalogueAward } | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const subjectKind = Form.useWatch('subjectKind', form) ?? 'person';
  const awardCode = Form.useWatch('awardCode', form);
  const evaluationYear = Form.useWatch('evaluationYear', form);
  const customPeriod = Form.useWatch('customPeriod', form);
  const movementId = Form.useWatch('movementId', form);
  const commendationType = Form.useWatch('commendationType', form);
  const commendationTypes = catalogue.data?.ruleSet.commendationTypes ?? [];
  const chosenType = commendationTypes.find((type) => type.code === commendationType);
  const movementTitle = (id: string | undefined) => {
    const movement = (movements.data ?? []).find((m) => m.id === id);
    return movement ? [movement.code, movement.title].filter(Boolean).join(' – ') : (id ?? '');
  };

  const wanted = subjectKind === 'person' ? 'individual' : 'collective';
  const awards = useMemo(
    () => (catalogue.data?.awards.items ?? []).filter((award) => award.subjects.includes(wanted)),
    [catalogue.data, wanted],
  );
  const chosenAward = awards.find((award) => award.code === awardCode);
  const other = language === 'vi' ? 'en' : 'vi';
  const awardOptions = (['title', 'form'] as const)
    .map((kind) => ({
      label: kind === 'title' ? t.kindTitle : t.kindForm,
      title: kind === 'title' ? t.kindTitle : t.kindForm,
      options: awards
        .filter((award) => award.kind === kind)
        .map((award): AwardOption => ({
          value: award.code,
          label: localize(award.name),
          otherName: award.name[other],
          alsoCalled: award.alsoCalled.map(localize).join('; '),
          searchText: fold(
            [award.name.vi, award.name.en, ...award.alsoCalled.flatMap((a) => [a.vi, a.en])].join(
              ' ',
            ),
          ),
        })),
    }))
    .filter((group) => group.options.length > 0);

  const submitLabel = localize(workflow?.events.find((e) => e.type === 'SUBMIT')?.label);
  const barByPeriod = catalogue.data?.ruleSet.discipline.barScope?.value === 'achievement_period';
  const sources = useMemo(
    () => new Map((catalogue.data?.ruleSet.sources ?? []).map((s) => [s.id, s.citation])),
    [catalogue.data],
  );

  const outsideYear = (day: Dayjs) => !evaluationYear || day.year() !== evaluationYear;

  const submit = async (values: NominationForm) => {
    setError(null);
    const data: Record<string, unknown> = {
      awardCode: values.awardCode,
      evaluationYear: values.evaluationYear,
    };
    if (values.customPeriod && values.periodFrom && values.periodTo) {
      data.achievementPeriod = {
        from: values.periodFrom.format(ISO),
        to: values.periodTo.format(ISO),
      };
    }
    if (values.movement?.trim()) data.movement = values.movement.trim();
    if (values.movementId) data.movementId = values.movementId;
    if (values.commendationType) data.commendationType = values.commendationType;
    // Linked only while the form still shows the registration's nominee and movement.
    if (
      prefilled &&
      values.movementId === prefilled.values.movementId &&
      (values.subjectKind === 'person'
        ? values.personId === prefilled.values.personId
        : values.unitId === prefilled.values.unitId)
    ) {
      data.registrationId = prefilled.id;
    }
    if (values.achievementSummary?.trim())
      data.achievementSummary = values.achievementSummary.trim();
    const initiatives = lines(values.initiatives);
    if (initiatives.length > 0) data.initiatives = initiatives;
    const body = {
      type: 'nomination',
      subject:
        values.subjectKind === 'person'
          ? { kind: 'person' as const, personId: values.personId! }
          : { kind: 'unit' as const, unitId: values.unitId! },
      data,
    };
    // The same request again (a retry after a lost answer) keeps its key, so it applies once.
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const view = await nominationApi.openCase(body, attempt.current.key);
      attempt.current = null;
      setCreated({ view, award: chosenAward! });
      window.scrollTo({ top: 0 });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const { view, award } = created;
    return (
      <>
        <PageTitle>{t.title}</PageTitle>
        <Result
          status="success"
          title={<h2 style={{ fontSize: 20, margin: 0 }}>{t.created}</h2>}
          subTitle={fill(t.createdSubtitle, {
            subject: view.subject.name,
            award: localize(award.name),
            year: String(view.data.evaluationYear ?? ''),
            state: localize(view.stateLabel),
          })}
          extra={[
            <Button key="open" type="primary" onClick={() => navigate(`/cases/${view.id}`)}>
              {t.openCase}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setCreated(null);
                form.resetFields();
              }}
            >
              {t.another}
            </Button>,
          ]}
        />
        <div style={{ maxWidth: 880, margin: '0 auto' }}>
          {submitLabel && (
            <Alert
              type="info"
              showIcon
              title={fill(t.nextSteps, { submit: submitLabel })}
              style={{ marginBottom: 16 }}
            />
          )}
          <AwardDossier award={award} ruleSet={catalogue.data?.ruleSet} />
          <EligibilityReport caseId={view.id} sources={sources} note={t.draftNote} />
        </div>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph style={{ maxWidth: 880 }}>{t.intro}</Typography.Paragraph>
      {prefilled && (
        <Alert
          type="info"
          showIcon
          title={fill(t.fromRegistration, {
            subject: prefilled.subjectName,
            movement: movementTitle(prefilled.values.movementId),
          })}
          style={{ maxWidth: 880, marginBottom: 16 }}
        />
      )}
      {registration.error ? (
        <Alert
          type="warning"
          showIcon
          title={fill(t.registrationUnavailable, { id: wantedRegistration ?? '' })}
          style={{ maxWidth: 880, marginBottom: 16 }}
        />
      ) : null}
      {catalogue.error ? (
        <>
          <ProblemAlert error={catalogue.error} />
          <Button onClick={catalogue.reload}>{t.loadFailed}</Button>
        </>
      ) : null}
      <Card style={{ maxWidth: 880 }}>
        <Form<NominationForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          initialValues={{ subjectKind: 'person', evaluationYear: defaultYear(today) }}
          onValuesChange={(changed: Partial<NominationForm>) => {
            if ('subjectKind' in changed) {
              form.setFieldsValue({ personId: undefined, unitId: undefined, awardCode: undefined });
            }
          }}
        >
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t.sectionSubject}
          </Typography.Title>
          <Form.Item label={t.subjectKind} name="subjectKind">
            <Radio.Group
              aria-label={t.subjectKind}
              options={[
                { value: 'person', label: t.kindPerson },
                { value: 'unit', label: t.kindUnit },
              ]}
            />
          </Form.Item>
          {subjectKind === 'person' ? (
            <Form.Item
              label={t.person}
              name="personId"
              rules={[{ required: true, message: t.personRequired }]}
            >
              <PersonSelect unitsById={units.byId} />
            </Form.Item>
          ) : (
            <Form.Item
              label={t.unit}
              name="unitId"
              rules={[{ required: true, message: t.unitRequired }]}
            >
              <UnitSelect units={units.units} loading={units.loading} />
            </Form.Item>
          )}

          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t.sectionAward}
          </Typography.Title>
          <Form.Item
            label={t.award}
            name="awardCode"
            rules={[{ required: true, message: t.awardRequired }]}
            extra={
              <>
                {subjectKind === 'person' ? t.awardForPerson : t.awardForUnit}{' '}
                {catalogue.data &&
                  fill(t.ruleSet, { title: localize(catalogue.data.awards.ruleSet.title) })}
              </>
            }
          >
            <Select
              placeholder={t.awardPlaceholder}
              loading={catalogue.loading}
              options={awardOptions}
              showSearch={{
                filterOption: (input, option) =>
                  matchesWords(
                    (option as Partial<AwardOption> | undefined)?.searchText ?? '',
                    input,
                  ),
              }}
              optionRender={(option) => {
                const award = option.data as unknown as AwardOption;
                return (
                  <div>
                    <div>{award.label}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} lang={other}>
                      {award.otherName}
                    </Typography.Text>
                    {award.alsoCalled && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        · {award.alsoCalled}
                      </Typography.Text>
                    )}
                  </div>
                );
              }}
            />
          </Form.Item>
          {catalogue.loading && !catalogue.data ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : chosenAward ? (
            <AwardDossier award={chosenAward} ruleSet={catalogue.data?.ruleSet} />
          ) : (
            <Alert type="info" showIcon title={t.chooseAwardFirst} style={{ marginBottom: 24 }} />
          )}

          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t.sectionAchievement}
          </Typography.Title>
          <Form.Item
            label={t.evaluationYear}
            name="evaluationYear"
            rules={[
              { required: true, message: t.yearRequired },
              {
                type: 'integer',
                min: MIN_YEAR,
                max: thisYear,
                message: fill(t.yearRange, { min: MIN_YEAR, max: thisYear }),
              },
            ]}
          >
            <InputNumber min={MIN_YEAR} max={thisYear} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="customPeriod"
            valuePropName="checked"
            extra={
              <>
                {t.customPeriodHelp} {barByPeriod && t.customPeriodMatters}
              </>
            }
          >
            <Checkbox>{t.customPeriod}</Checkbox>
          </Form.Item>
          {customPeriod && (
            <Space wrap size="large" align="start">
              <Form.Item
                label={t.periodFrom}
                name="periodFrom"
                dependencies={['evaluationYear']}
                rules={[
                  { required: true, message: t.periodFromRequired },
                  ({ getFieldValue }) => ({
                    validator: (_, value?: Dayjs) =>
                      !value || value.year() === getFieldValue('evaluationYear')
                        ? Promise.resolve()
                        : Promise.reject(
                            new Error(
                              fill(t.periodInYear, { year: getFieldValue('evaluationYear') }),
                            ),
                          ),
                  }),
                ]}
              >
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder={common.datePlaceholder}
                  disabledDate={outsideYear}
                  defaultPickerValue={evaluationYear ? dayjs(`${evaluationYear}-01-01`) : undefined}
                />
              </Form.Item>
              <Form.Item
                label={t.periodTo}
                name="periodTo"
                dependencies={['evaluationYear', 'periodFrom']}
                rules={[
                  { required: true, message: t.periodToRequired },
                  ({ getFieldValue }) => ({
                    validator: (_, value?: Dayjs) => {
                      if (!value) return Promise.resolve();
                      if (value.year() !== getFieldValue('evaluationYear')) {
                        return Promise.reject(
                          new Error(
                            fill(t.periodInYear, { year: getFieldValue('evaluationYear') }),
                          ),
                        );
                      }
                      const from = getFieldValue('periodFrom') as Dayjs | undefined;
                      return from && value.isBefore(from, 'day')
                        ? Promise.reject(new Error(t.periodOrder))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder={common.datePlaceholder}
                  disabledDate={outsideYear}
                  defaultPickerValue={evaluationYear ? dayjs(`${evaluationYear}-12-31`) : undefined}
                />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            label={t.movementCase}
            name="movementId"
            extra={movements.error ? t.movementsUnavailable : t.movementCaseHelp}
          >
            <Select
              allowClear
              placeholder={t.movementCasePlaceholder}
              loading={movements.loading}
              options={(movements.data ?? []).map((movement) => ({
                value: movement.id,
                label: [
                  [movement.code, movement.title].filter(Boolean).join(' – '),
                  movement.stateLabel ? `(${localize(movement.stateLabel)})` : '',
                ]
                  .filter(Boolean)
                  .join(' '),
              }))}
              showSearch={{
                filterOption: (input, option) =>
                  matchesWords(fold(String(option?.label ?? '')), input),
              }}
            />
          </Form.Item>
          {!movementId && (
            <Form.Item label={t.movementFreeText} name="movement">
              <Input maxLength={MOVEMENT_MAX} placeholder={t.movementPlaceholder} />
            </Form.Item>
          )}
          {commendationTypes.length > 0 && (
            <Form.Item
              label={t.commendationType}
              name="commendationType"
              extra={
                chosenType && !chosenType.countsTowardChains ? t.commendationTypeNoChain : null
              }
            >
              <Select
                allowClear
                placeholder={t.commendationTypePlaceholder}
                options={commendationTypes.map((type) => ({
                  value: type.code,
                  label: localize(type.name),
                }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t.summary} name="achievementSummary" extra={t.summaryHelp}>
            <Input.TextArea rows={4} maxLength={SUMMARY_MAX} showCount />
          </Form.Item>
          <Form.Item
            label={t.initiatives}
            name="initiatives"
            extra={fill(t.initiativesHelp, { max: INITIATIVES_MAX })}
            rules={[
              {
                validator: (_, value?: string) => {
                  const items = lines(value);
                  if (items.length > INITIATIVES_MAX) {
                    return Promise.reject(
                      new Error(fill(t.initiativesTooMany, { max: INITIATIVES_MAX })),
                    );
                  }
                  if (items.some((item) => item.length > INITIATIVE_MAX_LENGTH)) {
                    return Promise.reject(
                      new Error(fill(t.initiativeTooLong, { max: INITIATIVE_MAX_LENGTH })),
                    );
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>

          {submitLabel && (
            <Alert
              type="info"
              showIcon
              title={fill(t.nextSteps, { submit: submitLabel })}
              style={{ marginBottom: 16 }}
            />
          )}
          <ProblemAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.create}
          </Button>
        </Form>
      </Card>
    </>
  );
}
