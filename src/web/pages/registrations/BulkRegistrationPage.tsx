import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Person } from '../../api/registry';
import type { AwardItem } from '../../components/case/caseApi';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages, type Localized } from '../../i18n/language';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import { movementApi, type EmulationCriterion, type MovementView } from '../movements/api';
import { registrationApi, type Pledge, type RefusedRow, type Targets } from './api';
import { registrationMessages } from './registrations.messages';

const DATE_FORMAT = 'DD/MM/YYYY';
const ISO_DATE = 'YYYY-MM-DD';
const MAX_PEOPLE = 500;

interface TargetsForm {
  awardCodes: string[];
  pledges: { criterionCode?: string; text: string }[];
}

interface BulkForm {
  unitId: string | null;
  registeredOn: Dayjs;
  registerUnit: boolean;
  unitTargets: TargetsForm;
  peopleTargets: TargetsForm;
}

const EMPTY_TARGETS: TargetsForm = { awardCodes: [], pledges: [] };

function targetsOf(form: TargetsForm | undefined): Targets {
  return {
    awardCodes: form?.awardCodes ?? [],
    pledges: (form?.pledges ?? [])
      .filter((pledge) => pledge.text?.trim())
      .map((pledge): Pledge => ({
        ...(pledge.criterionCode ? { criterionCode: pledge.criterionCode } : {}),
        text: pledge.text.trim(),
      })),
  };
}

/**
 * `/movements/:id/registrations/new`: a unit's leadership registers the unit (a collective) and
 * some of its people in one request, all or nothing; targets come from the movement's awards on
 * offer and criteria. Rows the server refuses are listed; nothing is registered until all pass.
 */
export function BulkRegistrationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const t = useMessages(registrationMessages);
  const localize = useLocalize();
  const units = useUnits();
  const [form] = Form.useForm<BulkForm>();
  const unitId = Form.useWatch('unitId', form);
  const [movement, setMovement] = useState<MovementView | null>(null);
  const [awards, setAwards] = useState<AwardItem[]>([]);
  const [criteria, setCriteria] = useState<EmulationCriterion[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [loadingPeople, setLoadingPeople] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<RefusedRow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      movementApi.get(id, controller.signal),
      movementApi.awards(controller.signal),
      movementApi.criteria(controller.signal),
    ])
      .then(([found, catalogue, catalogueCriteria]) => {
        setMovement(found);
        setAwards(catalogue.items);
        setCriteria(catalogueCriteria.items);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [id]);

  useEffect(() => {
    setPicked([]);
    setPeople([]);
    if (!unitId) return;
    const controller = new AbortController();
    setLoadingPeople(true);
    registrationApi
      .people(unitId, controller.signal)
      .then((found) => setPeople(found.filter((person) => person.active)))
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoadingPeople(false);
      });
    return () => controller.abort();
  }, [unitId]);

  const awardOptions = useMemo(() => {
    const names = new Map<string, Localized>(awards.map((award) => [award.code, award.name]));
    return (movement?.awardsOnOffer ?? []).map((code) => ({
      value: code,
      label: names.has(code) ? localize(names.get(code)) : code,
    }));
  }, [awards, movement, localize]);

  const criterionOptions = useMemo(() => {
    const names = new Map<string, Localized>(criteria.map((c) => [c.code, c.name]));
    return (movement?.criteria ?? []).map((criterion) => ({
      value: criterion.code,
      label: names.has(criterion.code) ? localize(names.get(criterion.code)) : criterion.code,
    }));
  }, [criteria, movement, localize]);

  const nameOf = (personId: string) =>
    people.find((person) => person.id === personId)?.fullName ?? personId;

  const send = async (values: BulkForm) => {
    setProblem(null);
    setRefused([]);
    setError(null);
    if (!values.unitId) return;
    if (!values.registerUnit && picked.length === 0) {
      setProblem(t.nothingToRegister);
      return;
    }
    if (picked.length > MAX_PEOPLE) {
      setProblem(t.tooManyPeople);
      return;
    }
    const shared = targetsOf(values.peopleTargets);
    setSending(true);
    try {
      const result = await registrationApi.bulk(id, {
        unitId: values.unitId,
        registeredOn: values.registeredOn.format(ISO_DATE),
        ...(values.registerUnit ? { unit: { targets: targetsOf(values.unitTargets) } } : {}),
        ...(picked.length > 0
          ? { people: picked.map((personId) => ({ personId, targets: shared })) }
          : {}),
      });
      setProblem(null);
      void navigate(`/movements/${encodeURIComponent(id)}/registrations`, {
        state: { registered: result.registrations.length },
      });
    } catch (failure) {
      if (failure instanceof ApiError && Array.isArray(failure.problem.rows)) {
        setRefused(failure.problem.rows as RefusedRow[]);
      }
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  const targetsFields = (name: 'unitTargets' | 'peopleTargets', legend: string) => (
    <fieldset style={{ border: 0, padding: 0, margin: '8px 0' }}>
      <legend style={{ fontSize: 14, fontWeight: 600 }}>{legend}</legend>
      <Form.Item name={[name, 'awardCodes']} label={t.awards} extra={t.awardsHelp}>
        <Select mode="multiple" options={awardOptions} allowClear />
      </Form.Item>
      <Form.List name={[name, 'pledges']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item
                  name={[field.name, 'criterionCode']}
                  label={t.criterion}
                  style={{ minWidth: 260 }}
                >
                  <Select allowClear placeholder={t.noCriterion} options={criterionOptions} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'text']}
                  label={t.pledgeText}
                  rules={[{ required: true, max: 2000 }]}
                  style={{ flex: 1, minWidth: 280 }}
                >
                  <Input.TextArea autoSize maxLength={2000} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t.removePledge}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ text: '' })}
              disabled={fields.length >= 30}
            >
              {t.addPledge}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );

  return (
    <>
      <PageTitle>{t.bulkTitle}</PageTitle>
      <Typography.Paragraph>{t.bulkIntro}</Typography.Paragraph>
      {movement && (
        <Typography.Paragraph>
          {t.movement}: <strong>{movement.title}</strong> ({movement.code}) ·{' '}
          <Link
            to={`/movements/${encodeURIComponent(id)}/registrations`}
            style={{ textDecoration: 'underline' }}
          >
            {t.title}
          </Link>
        </Typography.Paragraph>
      )}
      <ProblemAlert error={error ?? units.error} />
      {refused.length > 0 && (
        <Alert
          type="error"
          style={{ margin: '12px 0' }}
          message={t.refusedRows}
          description={
            <ul style={{ margin: 0 }}>
              {refused.map((row) => (
                <li key={`${row.part}-${row.index}-${row.code}`}>
                  {row.part === 'unit'
                    ? t.rowUnit
                    : fill(t.rowPerson, { name: nameOf(picked[row.index] ?? '') })}
                  : {row.localized ? localize(row.localized) : row.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {problem && <Alert type="warning" showIcon message={problem} style={{ margin: '12px 0' }} />}
      <Form<BulkForm>
        form={form}
        layout="vertical"
        initialValues={{
          unitId: null,
          registeredOn: dayjs(todayInVietnam()),
          registerUnit: true,
          unitTargets: EMPTY_TARGETS,
          peopleTargets: EMPTY_TARGETS,
        }}
        onFinish={(values) => void send(values)}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item
              name="unitId"
              label={t.registeringUnit}
              rules={[{ required: true, message: t.pickUnit }]}
              style={{ minWidth: 320 }}
            >
              <UnitTreeSelect roots={units.roots} loading={units.loading} />
            </Form.Item>
            <Form.Item name="registeredOn" label={t.registeredOn} rules={[{ required: true }]}>
              <DatePicker
                format={DATE_FORMAT}
                allowClear={false}
                disabledDate={(day) => day.isAfter(dayjs(todayInVietnam()), 'day')}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="registerUnit" valuePropName="checked">
            <Checkbox>{t.registerUnit}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.registerUnit !== b.registerUnit}>
            {({ getFieldValue }) =>
              getFieldValue('registerUnit') ? targetsFields('unitTargets', t.unitTargets) : null
            }
          </Form.Item>
        </Card>
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.people}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph type="secondary">{t.peopleHelp}</Typography.Paragraph>
          <Table<Person>
            rowKey="id"
            size="small"
            loading={loadingPeople}
            dataSource={people}
            locale={{ emptyText: t.noPeople }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowSelection={{
              selectedRowKeys: picked,
              onChange: (keys) => setPicked(keys.map(String)),
            }}
            columns={[
              { title: t.columnPerson, dataIndex: 'fullName', key: 'fullName' },
              { title: t.columnCode, dataIndex: 'code', key: 'code' },
              {
                title: t.columnPosition,
                key: 'position',
                render: (_, person) => person.position ?? '—',
              },
            ]}
          />
          {picked.length > 0 && targetsFields('peopleTargets', t.peopleTargets)}
        </Card>
        <Button type="primary" htmlType="submit" loading={sending}>
          {t.submit}
        </Button>
      </Form>
    </>
  );
}
