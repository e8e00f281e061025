import { ArrowLeftOutlined, CopyOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { hasRole, useMe, type Role } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { useRecord } from './useRecord';
import { adminMessages } from './admin.messages';
import type { Grant, Person, User } from './api';
import { ChangeLog } from './ChangeLog';
import { Details } from './Details';
import { Loading } from '../../components/Loading';
import { showFieldErrors } from '../../components/fieldErrors';
import { GrantFields } from './GrantFields';
import { grantText } from './labels';
import { PersonSelect } from './PersonSelect';
import { usersMessages } from './users.messages';
import { useUnits, type UnitNode } from './useUnits';

interface EditForm {
  displayName: string;
  active: boolean;
  personId: string | null;
  email?: string | null;
}

function EditUserForm({
  user,
  onSaved,
  onCancel,
}: {
  user: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const t = useMessages(usersMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<EditForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: EditForm) => {
    setBusy(true);
    setError(null);
    try {
      // Only what changed: an unchanged field is not rewritten into the change log.
      const body: Partial<EditForm> = {};
      if (values.displayName.trim() !== user.displayName)
        body.displayName = values.displayName.trim();
      if (values.active !== user.active) body.active = values.active;
      if ((values.personId ?? null) !== user.personId) body.personId = values.personId ?? null;
      const email = values.email?.trim() || null;
      if (email !== (user.email ?? null)) body.email = email;
      onSaved(Object.keys(body).length ? await api.patch<User>(`/users/${user.id}`, body) : user);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, ['displayName', 'active', 'personId', 'email']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<EditForm>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        displayName: user.displayName,
        active: user.active,
        personId: user.personId,
        email: user.email ?? '',
      }}
    >
      <ProblemAlert error={error} />
      <Form.Item
        label={t.displayName}
        name="displayName"
        rules={[{ required: true, whitespace: true, message: t.displayNameRequired }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t.activeLabel} name="active" valuePropName="checked" extra={t.activeHelp}>
        <Switch />
      </Form.Item>
      <Form.Item label={t.linkedPerson} name="personId">
        <PersonSelect />
      </Form.Item>
      <Form.Item label={t.email} name="email" extra={t.emailHelp}>
        <Input type="email" maxLength={254} autoComplete="off" />
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

function AddGrantForm({
  userId,
  roots,
  unitsLoading,
  onGranted,
}: {
  userId: string;
  roots: UnitNode[];
  unitsLoading: boolean;
  onGranted: (user: User) => void;
}) {
  const t = useMessages(usersMessages);
  const [form] = Form.useForm<{ role: Role; unitId: string | null }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { role: Role; unitId: string | null }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await api.post<User>(`/users/${userId}/grants`, {
        role: values.role,
        unitId: values.unitId ?? null,
      });
      form.resetFields();
      onGranted(user);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ unitId: null }}>
      <ProblemAlert error={error} />
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>{t.newGrant}</legend>
        <GrantFields name={[]} roots={roots} unitsLoading={unitsLoading} />
      </fieldset>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t.grantSubmit}
      </Button>
    </Form>
  );
}

/** The temporary password, once: a read-only field with a copy button. */
function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const t = useMessages(usersMessages);
  const { message } = App.useApp();
  const input = useRef<InputRef>(null);
  const label = fill(t.temporaryPassword, { username });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      void message.success(t.copied);
    } catch {
      input.current?.select();
      void message.warning(t.copyFailed);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t.resetOnce} />
      <label htmlFor="temporary-password" style={{ fontWeight: 600 }}>
        {label}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="temporary-password"
          ref={input}
          readOnly
          value={password}
          style={{ fontFamily: 'monospace', fontSize: 16 }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
          {t.copy}
        </Button>
      </Space.Compact>
    </Space>
  );
}

/** /admin/users/:id: one account, its grants, password reset, unlock and change log. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(usersMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message, modal } = App.useApp();
  const units = useUnits();
  const [user, setUser, error] = useRecord<User>(`/users/${id}`);
  const [person, setPerson] = useState<Person | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [logVersion, setLogVersion] = useState(0);
  const [temporary, setTemporary] = useState<string | null>(null);

  const changed = useCallback((next: User) => {
    setUser(next);
    setLogVersion((value) => value + 1);
  }, []);

  const personId = user?.personId ?? null;
  useEffect(() => {
    setPerson(null);
    if (!personId) return;
    const controller = new AbortController();
    api
      .get<Person>(`/people/${personId}`, undefined, controller.signal)
      .then(setPerson)
      .catch(() => {});
    return () => controller.abort();
  }, [personId]);

  if (error) {
    return (
      <>
        <PageTitle>{t.listTitle}</PageTitle>
        <ProblemAlert error={error} />
        <Link to="/admin/users">{t.backToList}</Link>
      </>
    );
  }
  if (!user) return <Loading />;

  const revoke = async (grant: Grant) => {
    setActionError(null);
    try {
      changed(await api.delete<User>(`/users/${user.id}/grants/${grant.id}`));
      void message.success(t.revoked);
    } catch (failure) {
      setActionError(failure);
    }
  };

  const resetPassword = () =>
    modal.confirm({
      title: fill(t.resetConfirmTitle, { username: user.username }),
      content: t.resetConfirmText,
      okText: t.resetPassword,
      cancelText: common.cancel,
      onOk: async () => {
        setActionError(null);
        try {
          const answer = await api.post<{ temporaryPassword: string }>(
            `/users/${user.id}/password-reset`,
          );
          setTemporary(answer.temporaryPassword);
          setLogVersion((value) => value + 1);
          setUser((current) => (current ? { ...current, mustChangePassword: true } : current));
        } catch (failure) {
          setActionError(failure);
        }
      },
    });

  const unlock = () =>
    modal.confirm({
      title: fill(t.unlockConfirmTitle, { username: user.username }),
      content: t.unlockConfirmText,
      okText: t.unlock,
      cancelText: common.cancel,
      onOk: async () => {
        setActionError(null);
        try {
          await api.post(`/users/${user.id}/unlock`);
          setLogVersion((value) => value + 1);
          void message.success(t.unlocked);
        } catch (failure) {
          setActionError(failure);
        }
      },
    });

  const grantColumns: ColumnsType<Grant> = [
    {
      title: t.role,
      key: 'role',
      render: (_, grant) => grantText(grant, units.byId, common).role,
    },
    {
      title: t.scope,
      key: 'scope',
      render: (_, grant) => grantText(grant, units.byId, common).scope,
    },
  ];
  if (isAdmin) {
    grantColumns.push({
      title: t.actions,
      key: 'actions',
      width: 140,
      render: (_, grant) => {
        const { role, scope } = grantText(grant, units.byId, common);
        return (
          <Popconfirm
            title={fill(t.revokeConfirm, { role, scope })}
            okText={t.revoke}
            cancelText={common.cancel}
            onConfirm={() => revoke(grant)}
          >
            <Button size="small" aria-label={`${t.revoke}: ${role} – ${scope}`}>
              {t.revoke}
            </Button>
          </Popconfirm>
        );
      },
    });
  }

  return (
    <>
      <Link to="/admin/users">
        <ArrowLeftOutlined aria-hidden /> {t.backToList}
      </Link>
      <PageTitle>{fill(t.userTitle, { username: user.username })}</PageTitle>
      <ProblemAlert error={actionError} />
      <Flex vertical gap={16}>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.details}</h2>}
          extra={
            isAdmin && (
              <Button
                onClick={() => setEditing(true)}
                aria-label={`${common.edit}: ${user.username}`}
              >
                {common.edit}
              </Button>
            )
          }
        >
          <Details>
            <Details.Item label={t.username}>{user.username}</Details.Item>
            <Details.Item label={t.displayName}>{user.displayName}</Details.Item>
            <Details.Item label={t.status}>
              <Flex wrap gap={4}>
                <ActiveTag active={user.active} />
                {user.mustChangePassword && <Tag>{t.mustChange}</Tag>}
              </Flex>
            </Details.Item>
            <Details.Item label={t.email}>{user.email || t.noEmail}</Details.Item>
            <Details.Item label={t.linkedPerson}>
              {user.personId ? (
                <Link to={`/admin/people/${user.personId}`}>
                  {person ? `${person.fullName} (${person.code})` : user.personId}
                </Link>
              ) : (
                t.noPerson
              )}
            </Details.Item>
            <Details.Item label={t.createdAt}>
              {formatTimestamp(user.createdAt, language)}
            </Details.Item>
          </Details>
        </Card>

        {isAdmin && (
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.security}</h2>}>
            <Space wrap>
              <Button icon={<KeyOutlined aria-hidden />} onClick={resetPassword}>
                {t.resetPassword}
              </Button>
              <Button icon={<UnlockOutlined aria-hidden />} onClick={unlock}>
                {t.unlock}
              </Button>
            </Space>
          </Card>
        )}

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.grantsTitle}</h2>}>
          <Table<Grant>
            aria-label={t.grantsTableLabel}
            rowKey="id"
            size="small"
            columns={grantColumns}
            dataSource={user.grants}
            pagination={false}
          />
          {isAdmin && (
            <div style={{ marginTop: 24, maxWidth: 560 }}>
              <AddGrantForm
                userId={user.id}
                roots={units.roots}
                unitsLoading={units.loading}
                onGranted={(next) => {
                  changed(next);
                  void message.success(t.granted);
                }}
              />
            </div>
          )}
        </Card>

        <Card>
          <ChangeLog path={`/users/${user.id}/changes`} units={units.byId} version={logVersion} />
        </Card>
      </Flex>

      <Modal
        title={t.editTitle}
        open={editing}
        onCancel={() => setEditing(false)}
        footer={null}
        destroyOnHidden
      >
        <EditUserForm
          user={user}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            changed(next);
            void message.success(common.saved);
          }}
        />
      </Modal>

      <Modal
        title={t.resetDone}
        open={temporary !== null}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setTemporary(null)}>
            {t.noted}
          </Button>
        }
      >
        {temporary && <TemporaryPassword username={user.username} password={temporary} />}
      </Modal>
    </>
  );
}
