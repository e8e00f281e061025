import { Button, DatePicker, Flex, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayInVietnam } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import { EMPLOYMENT_TYPES, type EmploymentType, type Person } from './api';
import { showFieldErrors } from '../../components/fieldErrors';
import { employmentLabel } from './labels';
import { peopleMessages } from './people.messages';
import { UnitTreeSelect } from './UnitTreeSelect';
import type { UnitsState } from './useUnits';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const DATE_FORMAT = 'DD/MM/YYYY';

interface PersonValues {
  code: string;
  fullName: string;
  unitId: string;
  position?: string;
  dateOfBirth?: Dayjs | null;
  partyMember: boolean;
  partyJoinedOn?: Dayjs | null;
  employmentType: EmploymentType;
  active: boolean;
}

/** The API body: dates as YYYY-MM-DD, an empty text as null. */
interface PersonBody {
  code?: string;
  fullName?: string;
  unitId?: string;
  position?: string | null;
  dateOfBirth?: string | null;
  partyMember?: boolean;
  partyJoinedOn?: string | null;
  employmentType?: EmploymentType;
  active?: boolean;
}

const toDate = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const fromDate = (value: string | null) => (value ? dayjs(value, 'YYYY-MM-DD') : null);
const afterToday = (date: Dayjs) => date.format('YYYY-MM-DD') > todayInVietnam();

/** Adds a person to the registry (`person` absent) or edits one; the code never changes. */
export function PersonForm({
  person,
  unitId,
  units,
  onSaved,
  onCancel,
}: {
  person?: Person;
  unitId?: string;
  units: UnitsState;
  onSaved: (person: Person) => void;
  onCancel: () => void;
}) {
  const t = useMessages(peopleMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<PersonValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const partyMember = Form.useWatch('partyMember', form) as boolean | undefined;

  const submit = async (values: PersonValues) => {
    setBusy(true);
    setError(null);
    const wanted: PersonBody = {
      fullName: values.fullName.trim(),
      unitId: values.unitId,
      position: values.position?.trim() || null,
      dateOfBirth: toDate(values.dateOfBirth),
      partyMember: values.partyMember,
      partyJoinedOn: values.partyMember ? toDate(values.partyJoinedOn) : null,
      employmentType: values.employmentType,
    };
    try {
      let saved: Person;
      if (person) {
        // Only what changed, so the change log shows exactly the edit.
        const body: PersonBody = {};
        for (const [key, value] of Object.entries(wanted) as [keyof PersonBody, unknown][]) {
          if (value !== person[key as keyof Person]) Object.assign(body, { [key]: value });
        }
        if (values.active !== person.active) body.active = values.active;
        saved = Object.keys(body).length
          ? await api.patch<Person>(`/people/${person.id}`, body)
          : person;
      } else {
        // A new person: absent optional fields are left out rather than sent as null.
        const body: PersonBody = { code: values.code.trim() };
        for (const [key, value] of Object.entries(wanted)) {
          if (value !== null) Object.assign(body, { [key]: value });
        }
        saved = await api.post<Person>('/people', body);
      }
      onSaved(saved);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, [
        'code',
        'fullName',
        'unitId',
        'position',
        'dateOfBirth',
        'partyMember',
        'partyJoinedOn',
        'employmentType',
        'active',
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<PersonValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        person
          ? {
              code: person.code,
              fullName: person.fullName,
              unitId: person.unitId,
              position: person.position ?? '',
              dateOfBirth: fromDate(person.dateOfBirth),
              partyMember: person.partyMember,
              partyJoinedOn: fromDate(person.partyJoinedOn),
              employmentType: person.employmentType,
              active: person.active,
            }
          : { unitId, partyMember: false, active: true }
      }
    >
      <ProblemAlert error={error} />
      <Form.Item
        label={t.code}
        name="code"
        extra={person ? undefined : t.codeHelp}
        rules={[
          { required: true, message: t.codeRequired },
          { pattern: CODE, message: t.codePattern },
        ]}
      >
        <Input disabled={Boolean(person)} spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t.fullName}
        name="fullName"
        rules={[{ required: true, whitespace: true, message: t.fullNameRequired }]}
      >
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t.unit} name="unitId" rules={[{ required: true, message: t.unitRequired }]}>
        <UnitTreeSelect roots={units.roots} loading={units.loading} />
      </Form.Item>
      <Form.Item label={t.position} name="position">
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t.dateOfBirth} name="dateOfBirth">
        <DatePicker
          format={DATE_FORMAT}
          placeholder={t.datePlaceholder}
          disabledDate={afterToday}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        label={t.employmentType}
        name="employmentType"
        extra={t.employmentTypeHelp}
        rules={[{ required: true, message: t.employmentTypeRequired }]}
      >
        <Select<EmploymentType>
          options={EMPLOYMENT_TYPES.map((type) => ({
            value: type,
            label: employmentLabel(common, type),
          }))}
        />
      </Form.Item>
      <Form.Item label={t.partyMember} name="partyMember" valuePropName="checked">
        <Switch />
      </Form.Item>
      {partyMember && (
        <Form.Item
          label={t.partyJoinedOn}
          name="partyJoinedOn"
          dependencies={['dateOfBirth']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null) => {
                const born = getFieldValue('dateOfBirth') as Dayjs | null;
                if (value && born && !value.isAfter(born, 'day')) {
                  throw new Error(t.partyJoinedAfterBirth);
                }
              },
            }),
          ]}
        >
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t.datePlaceholder}
            disabledDate={afterToday}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
      {person && (
        <Form.Item label={t.activeLabel} name="active" valuePropName="checked" extra={t.activeHelp}>
          <Switch />
        </Form.Item>
      )}
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{common.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {person ? common.save : t.createPerson}
        </Button>
      </Flex>
    </Form>
  );
}
