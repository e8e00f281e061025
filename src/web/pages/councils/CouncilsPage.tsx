import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/fieldErrors';
import { useLoad } from '../../components/useLoad';
import { useUnits } from '../../components/useUnits';
import { formatTimestamp, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { UnitSelect } from '../nominations/SubjectPickers';
import {
  COUNCIL_BODIES,
  councilApi,
  SESSION_COUNCIL_BODY,
  termCovers,
  type CouncilBody,
  type CouncilView,
} from './api';
import { councilsMessages } from './councils.messages';
import { useMayManageCouncils } from './roles';

/** `/councils`: the councils in the caller's scope; the secretariat sets up new ones. */
export function CouncilsPage() {
  const t = useMessages(councilsMessages);
  const { language } = useLanguage();
  const mayManage = useMayManageCouncils();
  const councils = useLoad((signal) => councilApi.councils(signal), 'councils');
  const [creating, setCreating] = useState(false);
  const today = todayInVietnam();

  const columns: ColumnsType<CouncilView> = [
    {
      title: t.colName,
      key: 'name',
      render: (_, council) => <Link to={`/councils/${council.id}`}>{council.name}</Link>,
    },
    { title: t.colBody, key: 'body', render: (_, council) => t[`body_${council.body}`] },
    { title: t.colUnit, key: 'unit', render: (_, council) => council.unit.name },
    {
      title: t.colCurrentMembers,
      key: 'members',
      align: 'right',
      render: (_, council) => council.members.filter((member) => termCovers(member, today)).length,
    },
    {
      title: t.colCreatedAt,
      key: 'createdAt',
      render: (_, council) => formatTimestamp(council.createdAt, language).slice(0, 10),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <PageTitle>{t.listTitle}</PageTitle>
        {mayManage && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t.create}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
        {t.listIntro}
      </Typography.Paragraph>
      <ProblemAlert error={councils.error} />
      <Table<CouncilView>
        aria-label={t.listTable}
        rowKey="id"
        columns={columns}
        dataSource={councils.data?.items ?? []}
        loading={councils.loading}
        pagination={false}
        size="middle"
        scroll={{ x: 800 }}
        locale={{ emptyText: t.listEmpty }}
      />
      {creating && <CreateCouncilModal onClose={() => setCreating(false)} />}
    </>
  );
}

interface CouncilForm {
  unitId?: string;
  name?: string;
  body?: CouncilBody;
}

function CreateCouncilModal({ onClose }: { onClose: () => void }) {
  const t = useMessages(councilsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useUnits();
  const [form] = Form.useForm<CouncilForm>();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: CouncilForm) => {
    setBusy(true);
    setError(null);
    try {
      const council = await councilApi.createCouncil({
        unitId: values.unitId!,
        name: values.name!.trim(),
        body: values.body ?? SESSION_COUNCIL_BODY,
      });
      void message.success(fill(t.created, { name: council.name }));
      navigate(`/councils/${council.id}`);
    } catch (failure) {
      showFieldErrors(form, failure, language, ['unitId', 'name', 'body']);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t.createTitle}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button key="create" type="primary" htmlType="submit" form={formId} loading={busy}>
          {t.create}
        </Button>,
      ]}
    >
      <ProblemAlert error={error} />
      <Form<CouncilForm>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ body: SESSION_COUNCIL_BODY }}
      >
        <Form.Item label={t.body} name="body" extra={t.bodyHelp}>
          <Select<CouncilBody>
            options={COUNCIL_BODIES.map((body) => ({ value: body, label: t[`body_${body}`] }))}
          />
        </Form.Item>
        <Form.Item
          label={t.unit}
          name="unitId"
          rules={[{ required: true, message: t.unitRequired }]}
        >
          <UnitSelect units={units.units} loading={units.loading} />
        </Form.Item>
        <Form.Item
          label={t.name}
          name="name"
          rules={[{ required: true, whitespace: true, message: t.nameRequired }]}
        >
          <Input maxLength={300} placeholder={t.namePlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
