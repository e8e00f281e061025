import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { api, type Localized } from '../../api/client';
import { showFieldErrors } from '../../components/fieldErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { adminMessages } from './admin.messages';
import { authoritiesMessages } from './authorities.messages';
import { PersonSelect } from './PersonSelect';
import { foldedSearch } from '../../i18n/fold';

/** GET /units/{id}/authorities (src/authorities/dto/authorities.dto.ts). */
interface AuthorityDescription {
  code: string;
  name: Localized;
  format: 'party' | 'state';
  signing: 'collective' | 'head';
  level: string;
}
interface UnitAuthority extends AuthorityDescription {
  seriesCode: string;
  active: boolean;
  since: string;
  endedAt: string | null;
}
interface UnitAuthorities {
  unitId: string;
  unitCode: string;
  format: 'party' | 'state' | null;
  authorities: UnitAuthority[];
  available: AuthorityDescription[];
}
type Capacity = 'T/M' | 'KT.' | 'TL.' | 'Q.';
interface Signer {
  id: string;
  personId: string | null;
  fullName: string;
  position: Localized;
  authorityCode: string;
  capacity: Capacity | null;
  titleLines: string[];
  active: boolean;
}

const SERIES = /^[\p{L}\p{N}][\p{L}\p{N}.-]{0,31}$/u;
const NONE = 'none';

/**
 * The unit page's section on who issues its decisions (issue 17): the authorities it acts as, with
 * their format and number series, and its signers. Admins change them; the secretariat and
 * auditors read them; other roles do not see the section (the API would refuse them).
 */
export function AuthoritiesSection({
  unitId,
  onChanged,
}: {
  unitId: string;
  /** After a change (the unit's change log shows it). */
  onChanged?: () => void;
}) {
  const t = useMessages(authoritiesMessages);
  const common = useMessages(adminMessages);
  const localize = useLocalize();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const mayRead = hasRole(me, 'admin', 'secretariat', 'auditor');
  const { message } = App.useApp();
  const [data, setData] = useState<UnitAuthorities | null>(null);
  const [signers, setSigners] = useState<Signer[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState<'authorities' | 'signer' | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!mayRead) return;
    const controller = new AbortController();
    Promise.all([
      api.get<UnitAuthorities>(`/units/${unitId}/authorities`, undefined, controller.signal),
      api.get<{ items: Signer[] }>(`/units/${unitId}/signers`, undefined, controller.signal),
    ])
      .then(([authorities, list]) => {
        setData(authorities);
        setSigners(list.items);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [unitId, mayRead, version]);

  if (!mayRead) return null;
  const formatTag = (format: 'party' | 'state') => (
    <Tag color={format === 'party' ? 'red' : 'blue'}>{format === 'party' ? t.party : t.state}</Tag>
  );
  const nameOf = (code: string) =>
    localize(data?.available.find((a) => a.code === code)?.name) || code;

  const authorityColumns: ColumnsType<UnitAuthority> = [
    { title: t.authority, key: 'name', render: (_, row) => localize(row.name) },
    { title: t.format, key: 'format', render: (_, row) => formatTag(row.format) },
    { title: t.series, dataIndex: 'seriesCode' },
    {
      title: t.status,
      key: 'active',
      render: (_, row) => <Tag>{row.active ? t.active : t.ended}</Tag>,
    },
  ];
  const setActive = async (signer: Signer, active: boolean) => {
    try {
      await api.patch(`/signers/${signer.id}`, { active });
      setVersion((value) => value + 1);
      onChanged?.();
      void message.success(common.saved);
    } catch (failure) {
      setError(failure);
    }
  };
  const signerColumns: ColumnsType<Signer> = [
    { title: t.signerName, dataIndex: 'fullName' },
    {
      title: t.titleBlock,
      key: 'title',
      render: (_, row) => (
        <span style={{ whiteSpace: 'pre-line' }}>{row.titleLines.join('\n')}</span>
      ),
    },
    { title: t.authority, key: 'authority', render: (_, row) => nameOf(row.authorityCode) },
    {
      title: t.status,
      key: 'active',
      render: (_, row) => <Tag>{row.active ? t.active : t.ended}</Tag>,
    },
    ...(isAdmin
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row: Signer) => (
              <Button size="small" onClick={() => void setActive(row, !row.active)}>
                {row.active ? t.end : t.reopen}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.title}</h2>}
      extra={
        isAdmin &&
        data && (
          <Space wrap>
            <Button onClick={() => setForm('authorities')}>{t.edit}</Button>
            <Button
              onClick={() => setForm('signer')}
              disabled={!data.authorities.some((a) => a.active)}
            >
              {t.addSigner}
            </Button>
          </Space>
        )
      }
    >
      <ProblemAlert error={error} />
      <Alert type="info" showIcon title={t.help} style={{ marginBottom: 12 }} />
      <Table<UnitAuthority>
        aria-label={t.authoritiesLabel}
        rowKey="code"
        size="small"
        columns={authorityColumns}
        dataSource={data?.authorities ?? []}
        loading={data === null && error === null}
        pagination={false}
        locale={{ emptyText: t.none }}
        scroll={{ x: 560 }}
      />
      <h3 style={{ fontSize: 14, marginTop: 16 }}>{t.signers}</h3>
      <Table<Signer>
        aria-label={t.signersLabel}
        rowKey="id"
        size="small"
        columns={signerColumns}
        dataSource={signers}
        pagination={false}
        locale={{ emptyText: t.noSigners }}
        scroll={{ x: 640 }}
      />
      <Modal
        title={form === 'signer' ? t.addSigner : t.editTitle}
        open={form !== null && data !== null}
        onCancel={() => setForm(null)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        {form === 'authorities' && data && (
          <AuthoritiesForm
            data={data}
            onCancel={() => setForm(null)}
            onSaved={(saved) => {
              setForm(null);
              setData(saved);
              onChanged?.();
              void message.success(common.saved);
            }}
          />
        )}
        {form === 'signer' && data && (
          <SignerForm
            data={data}
            onCancel={() => setForm(null)}
            onSaved={() => {
              setForm(null);
              setVersion((value) => value + 1);
              onChanged?.();
              void message.success(common.saved);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function AuthoritiesForm({
  data,
  onSaved,
  onCancel,
}: {
  data: UnitAuthorities;
  onSaved: (saved: UnitAuthorities) => void;
  onCancel: () => void;
}) {
  const t = useMessages(authoritiesMessages);
  const common = useMessages(adminMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const [form] = Form.useForm<{ codes: string[]; series?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const active = data.authorities.filter((a) => a.active);

  const submit = async (values: { codes: string[]; series?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const series = values.series?.trim() || undefined;
      onSaved(
        await api.put<UnitAuthorities>(`/units/${data.unitId}/authorities`, {
          authorities: (values.codes ?? []).map((code) => ({ code, seriesCode: series })),
        }),
      );
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, ['codes', 'series']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        codes: active.map((a) => a.code),
        series: active[0]?.seriesCode ?? data.unitCode,
      }}
    >
      <ProblemAlert error={error} />
      <Form.Item label={t.choose} name="codes" extra={t.chooseHelp}>
        <Select
          mode="multiple"
          showSearch={foldedSearch()}
          options={data.available.map((a) => ({
            value: a.code,
            label: `${localize(a.name)} (${a.format === 'party' ? t.party : t.state})`,
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t.series}
        name="series"
        extra={t.seriesHelp}
        rules={[{ pattern: SERIES, message: t.seriesPattern }]}
      >
        <Input maxLength={32} spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{common.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {common.save}
        </Button>
      </Flex>
    </Form>
  );
}

interface SignerValues {
  personId?: string | null;
  fullName?: string;
  positionVi: string;
  positionEn: string;
  authorityCode: string;
  capacity: Capacity | typeof NONE;
  onBehalfOf?: string;
}

function SignerForm({
  data,
  onSaved,
  onCancel,
}: {
  data: UnitAuthorities;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useMessages(authoritiesMessages);
  const common = useMessages(adminMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const [form] = Form.useForm<SignerValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const active = data.authorities.filter((a) => a.active);
  const chosen = Form.useWatch('authorityCode', form);
  const signing = active.find((a) => a.code === chosen)?.signing ?? 'head';
  const capacities =
    signing === 'collective'
      ? [
          { value: 'T/M', label: t.capacityTM },
          { value: 'TL.', label: t.capacityTL },
        ]
      : [
          { value: NONE, label: t.capacityNone },
          { value: 'KT.', label: t.capacityKT },
          { value: 'Q.', label: t.capacityQ },
          { value: 'TL.', label: t.capacityTL },
        ];

  const submit = async (values: SignerValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/units/${data.unitId}/signers`, {
        ...(values.personId ? { personId: values.personId } : {}),
        ...(values.fullName?.trim() ? { fullName: values.fullName.trim() } : {}),
        position: { vi: values.positionVi.trim(), en: values.positionEn.trim() },
        authorityCode: values.authorityCode,
        capacity: values.capacity === NONE ? null : values.capacity,
        ...(values.onBehalfOf?.trim() ? { onBehalfOf: values.onBehalfOf.trim() } : {}),
      });
      onSaved();
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, ['personId', 'fullName', 'capacity']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<SignerValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        authorityCode: active[0]?.code,
        capacity: active[0]?.signing === 'collective' ? 'T/M' : NONE,
      }}
    >
      <ProblemAlert error={error} />
      <Form.Item
        label={t.authority}
        name="authorityCode"
        rules={[{ required: true, message: t.required }]}
      >
        <Select
          options={active.map((a) => ({ value: a.code, label: localize(a.name) }))}
          onChange={(code: string) =>
            form.setFieldValue(
              'capacity',
              active.find((a) => a.code === code)?.signing === 'collective' ? 'T/M' : NONE,
            )
          }
        />
      </Form.Item>
      <Form.Item label={t.person} name="personId">
        <PersonSelect />
      </Form.Item>
      <Form.Item label={t.signerName} name="fullName" extra={t.signerNameHelp}>
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t.positionVi}
        name="positionVi"
        rules={[{ required: true, whitespace: true, message: t.positionRequired }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t.positionEn}
        name="positionEn"
        rules={[{ required: true, whitespace: true, message: t.positionRequired }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t.capacity} name="capacity">
        <Select options={capacities} />
      </Form.Item>
      <Form.Item label={t.onBehalfOf} name="onBehalfOf" extra={t.onBehalfOfHelp}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{common.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {common.save}
        </Button>
      </Flex>
    </Form>
  );
}
