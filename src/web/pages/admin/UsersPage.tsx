import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { hasRole, useMe, type Role } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { adminMessages } from './admin.messages';
import type { User } from './api';
import { showFieldErrors } from '../../components/fieldErrors';
import { GrantFields } from './GrantFields';
import { grantText } from './labels';
import { PersonSelect } from './PersonSelect';
import { KeysetPager, useKeysetPages } from './useKeysetPages';
import { usersMessages } from './users.messages';
import { useUnits, type UnitNode } from './useUnits';

const PAGE_SIZE = 20;
const USERNAME = /^[a-z0-9._-]{3,64}$/;
const MIN_PASSWORD_LENGTH = 12;

/**
 * A random password of 16 characters without look-alikes (0/O, 1/l/I), from the browser's CSPRNG;
 * bytes past the last whole multiple of the alphabet are drawn again, so every character is
 * equally likely.
 */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_';
  const limit = 256 - (256 % alphabet.length);
  let password = '';
  while (password.length < 16) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && password.length < 16) password += alphabet[byte % alphabet.length];
    }
  }
  return password;
}

interface CreateUserForm {
  username: string;
  displayName: string;
  password: string;
  personId?: string | null;
  grants: { role: Role; unitId?: string | null }[];
}

function CreateUserFormBody({
  roots,
  unitsLoading,
  onCreated,
  onCancel,
}: {
  roots: UnitNode[];
  unitsLoading: boolean;
  onCreated: (user: User) => void;
  onCancel: () => void;
}) {
  const t = useMessages(usersMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<CreateUserForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: CreateUserForm) => {
    setBusy(true);
    setError(null);
    try {
      const user = await api.post<User>('/users', {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        personId: values.personId ?? undefined,
        grants: values.grants.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? null })),
      });
      onCreated(user);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, ['username', 'displayName', 'password', 'personId']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<CreateUserForm>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ grants: [{ role: undefined, unitId: null }] }}
      requiredMark
    >
      <ProblemAlert error={error} />
      <Form.Item
        label={t.username}
        name="username"
        extra={t.usernameHelp}
        rules={[
          { required: true, message: t.usernameRequired },
          { pattern: USERNAME, message: t.usernamePattern },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item
        label={t.displayName}
        name="displayName"
        rules={[{ required: true, whitespace: true, message: t.displayNameRequired }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item label={t.initialPassword} required extra={t.initialPasswordHelp}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="password"
            noStyle
            rules={[
              { required: true, message: t.passwordRequired },
              { min: MIN_PASSWORD_LENGTH, message: t.passwordTooShort },
            ]}
          >
            <Input.Password autoComplete="new-password" aria-label={t.initialPassword} />
          </Form.Item>
          <Button onClick={() => form.setFieldValue('password', randomPassword())}>
            {t.generatePassword}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t.linkedPerson} name="personId" extra={t.linkedPersonHelp}>
        <PersonSelect />
      </Form.Item>
      <Form.List
        name="grants"
        rules={[
          {
            validator: async (_, grants: unknown[]) => {
              if (!grants || grants.length < 1) throw new Error(t.atLeastOneGrant);
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <fieldset
                key={field.key}
                style={{
                  position: 'relative',
                  border: '1px solid #d9d9d9',
                  borderRadius: 8,
                  padding: '8px 16px 0',
                  marginBottom: 16,
                }}
              >
                <legend style={{ fontWeight: 600, fontSize: 14, width: 'auto', margin: 0 }}>
                  {fill(t.grantNumber, { n: index + 1 })}
                </legend>
                {fields.length > 1 && (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={fill(t.removeGrant, { n: index + 1 })}
                    onClick={() => remove(field.name)}
                    style={{ position: 'absolute', top: 4, right: 8 }}
                  />
                )}
                <GrantFields name={[field.name]} roots={roots} unitsLoading={unitsLoading} />
              </fieldset>
            ))}
            <Form.Item>
              <Button
                type="dashed"
                onClick={() => add({ role: undefined, unitId: null })}
                icon={<PlusOutlined aria-hidden />}
              >
                {t.addGrant}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </>
        )}
      </Form.List>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{common.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t.createUser}
        </Button>
      </Flex>
    </Form>
  );
}

/** /admin/users: every account, a page at a time, and the form that creates one. */
export function UsersPage() {
  const t = useMessages(usersMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useUnits();
  const pages = useKeysetPages<User>('/users', {}, PAGE_SIZE);
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<User> = [
    {
      title: t.username,
      dataIndex: 'username',
      render: (username: string, user) => <Link to={`/admin/users/${user.id}`}>{username}</Link>,
    },
    { title: t.displayName, dataIndex: 'displayName' },
    {
      title: t.grants,
      key: 'grants',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.grants.map((grant) => {
            const { role, scope } = grantText(grant, units.byId, common);
            return <Tag key={grant.id}>{`${role} – ${scope}`}</Tag>;
          })}
        </Flex>
      ),
    },
    {
      title: t.status,
      key: 'status',
      render: (_, user) => (
        <Flex wrap gap={4}>
          <ActiveTag active={user.active} />
          {user.mustChangePassword && <Tag>{t.mustChange}</Tag>}
        </Flex>
      ),
    },
    {
      title: t.createdAt,
      dataIndex: 'createdAt',
      render: (at: string) => formatTimestamp(at, language),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <PageTitle>{t.listTitle}</PageTitle>
        {isAdmin && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t.createUser}
          </Button>
        )}
      </Flex>
      <ProblemAlert error={pages.error ?? units.error} />
      <Table<User>
        aria-label={t.tableLabel}
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={pages.items}
        loading={pages.loading}
        pagination={false}
        scroll={{ x: 800 }}
      />
      <KeysetPager pages={pages} />
      <Modal
        title={t.createTitle}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        width={640}
        mask={{ closable: false }}
      >
        <CreateUserFormBody
          roots={units.roots}
          unitsLoading={units.loading}
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void message.success(fill(t.created, { username: user.username }));
            navigate(`/admin/users/${user.id}`);
          }}
        />
      </Modal>
    </>
  );
}
