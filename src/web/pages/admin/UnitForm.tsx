import { Button, Flex, Form, Input, Select, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLanguage, useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import { UNIT_KINDS, type Unit, type UnitKind } from './api';
import { showFieldErrors } from '../../components/fieldErrors';
import { kindLabel } from './labels';
import { UnitTreeSelect } from './UnitTreeSelect';
import { unitsMessages } from './units.messages';
import { subtreeIds, type UnitsState } from './useUnits';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;

interface UnitValues {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

/**
 * Creates a unit (`unit` absent) or edits one: rename, change its kind, move it under another
 * unit (not into its own subtree), close or reopen it. The code never changes: imports match on it.
 */
export function UnitForm({
  unit,
  parentId,
  units,
  onSaved,
  onCancel,
}: {
  unit?: Unit;
  parentId?: string | null;
  units: UnitsState;
  onSaved: (unit: Unit) => void;
  onCancel: () => void;
}) {
  const t = useMessages(unitsMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<UnitValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ownSubtree = useMemo(
    () => (unit ? subtreeIds(units.units, unit.id) : undefined),
    [unit, units.units],
  );

  const submit = async (values: UnitValues) => {
    setBusy(true);
    setError(null);
    try {
      let saved: Unit;
      if (unit) {
        const body: Partial<UnitValues> = {};
        if (values.name.trim() !== unit.name) body.name = values.name.trim();
        if (values.kind !== unit.kind) body.kind = values.kind;
        if ((values.parentId ?? null) !== unit.parentId) body.parentId = values.parentId ?? null;
        if (values.active !== unit.active) body.active = values.active;
        saved = Object.keys(body).length ? await api.patch<Unit>(`/units/${unit.id}`, body) : unit;
      } else {
        saved = await api.post<Unit>('/units', {
          code: values.code.trim(),
          name: values.name.trim(),
          kind: values.kind,
          parentId: values.parentId ?? undefined,
        });
      }
      onSaved(saved);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, language, ['code', 'name', 'kind', 'parentId', 'active']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<UnitValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        unit
          ? {
              code: unit.code,
              name: unit.name,
              kind: unit.kind,
              parentId: unit.parentId,
              active: unit.active,
            }
          : { parentId: parentId ?? null, active: true }
      }
    >
      <ProblemAlert error={error} />
      <Form.Item
        label={t.code}
        name="code"
        extra={unit ? undefined : t.codeHelp}
        rules={[
          { required: true, message: t.codeRequired },
          { pattern: CODE, message: t.codePattern },
        ]}
      >
        <Input disabled={Boolean(unit)} spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t.name}
        name="name"
        rules={[{ required: true, whitespace: true, message: t.nameRequired }]}
      >
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.kindRequired }]}>
        <Select<UnitKind>
          options={UNIT_KINDS.map((kind) => ({ value: kind, label: kindLabel(common, kind) }))}
        />
      </Form.Item>
      <Form.Item label={t.parent} name="parentId" extra={t.parentHelp}>
        <UnitTreeSelect
          roots={units.roots}
          excluded={ownSubtree}
          allowClear
          loading={units.loading}
        />
      </Form.Item>
      {unit && (
        <Form.Item label={t.activeLabel} name="active" valuePropName="checked" extra={t.activeHelp}>
          <Switch />
        </Form.Item>
      )}
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{common.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {unit ? common.save : t.createUnit}
        </Button>
      </Flex>
    </Form>
  );
}
