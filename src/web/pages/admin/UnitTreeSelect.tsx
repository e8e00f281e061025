import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import { fold } from '../../i18n/fold';
import { unitName } from './labels';
import type { UnitNode } from './useUnits';

interface TreeOption {
  value: string;
  title: string;
  search: string;
  disabled?: boolean;
  children: TreeOption[];
}

function toOptions(nodes: UnitNode[], excluded: Set<string>): TreeOption[] {
  return nodes.map(({ unit, children }) => ({
    value: unit.id,
    title: unitName(unit),
    search: fold(unitName(unit)),
    disabled: excluded.has(unit.id),
    children: toOptions(children, excluded),
  }));
}

interface UnitTreeSelectProps {
  /** Set by Form.Item, so the label points at the input. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  roots: UnitNode[];
  /** Units that cannot be chosen (a unit's own subtree when moving it). */
  excluded?: Set<string>;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  loading?: boolean;
}

/** Picks one unit from the tree; typing filters by name or code, ignoring diacritics. */
export function UnitTreeSelect({
  id,
  value,
  onChange,
  roots,
  excluded,
  allowClear,
  disabled,
  placeholder,
  loading,
}: UnitTreeSelectProps) {
  const t = useMessages(adminMessages);
  const treeData = useMemo(() => toOptions(roots, excluded ?? new Set()), [roots, excluded]);
  const expanded = useMemo(() => roots.map((root) => root.unit.id), [roots]);
  return (
    <TreeSelect<string | null>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      allowClear={allowClear}
      disabled={disabled}
      loading={loading}
      placeholder={placeholder ?? t.unitPickerPlaceholder}
      notFoundContent={t.noUnits}
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as TreeOption).search ?? '').includes(fold(input)),
      }}
      treeNodeLabelProp="title"
      style={{ width: '100%' }}
    />
  );
}
