import { Form, Select } from 'antd';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { adminMessages } from './admin.messages';
import { ROLES } from './api';
import { roleLabel } from './labels';
import { UnitTreeSelect } from './UnitTreeSelect';
import { usersMessages } from './users.messages';
import type { UnitNode } from './useUnits';

/** The role picker: every grantable role, by its label. */
export function RoleSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: Role;
  onChange?: (role: Role) => void;
}) {
  const t = useMessages(adminMessages);
  return (
    <Select<Role>
      id={id}
      value={value}
      onChange={onChange}
      options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
      style={{ width: '100%' }}
    />
  );
}

/**
 * A role and its unit scope, as two fields of a form. `name` is the path of the grant in the
 * form (['grants', 0] in a list, [] for a form that holds one grant). An admin grant is always
 * organisation-wide, so its scope is cleared and locked.
 */
export function GrantFields({
  name,
  roots,
  unitsLoading,
}: {
  name: (string | number)[];
  roots: UnitNode[];
  unitsLoading: boolean;
}) {
  const t = useMessages(usersMessages);
  const form = Form.useFormInstance();
  const roleName = [...name, 'role'];
  const unitName = [...name, 'unitId'];
  const role = Form.useWatch(roleName, form) as Role | undefined;
  const isAdmin = role === 'admin';
  return (
    <>
      <Form.Item
        label={t.role}
        name={roleName}
        rules={[{ required: true, message: t.roleRequired }]}
      >
        <RoleSelect
          onChange={(next) => {
            if (next === 'admin') form.setFieldValue(unitName, null);
          }}
        />
      </Form.Item>
      <Form.Item label={t.scope} name={unitName} extra={isAdmin ? t.scopeAdmin : t.scopeHelp}>
        <UnitTreeSelect roots={roots} allowClear disabled={isAdmin} loading={unitsLoading} />
      </Form.Item>
    </>
  );
}
