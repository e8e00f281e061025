import { Select, Spin, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { useMessages } from '../../i18n/language';
import { useMe } from '../../session/session';
import { unitsInTreeOrder } from '../../api/registry';
import { usePersonSearch } from '../../components/usePersonSearch';
import { fold, matchesWords } from '../../i18n/fold';
import type { Person, Unit } from './api';
import { commonMessages } from './common.messages';

type PersonSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'onChange'> & {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Called with the chosen person (or undefined when cleared). */
  onPersonChange?: (person: Person | undefined) => void;
  /** The units by id, whose names tell apart two people of the same name. */
  unitsById?: ReadonlyMap<string, Unit>;
};

/**
 * A person of the registry, searched on the server as the user types (debounced; the server
 * ignores case and Vietnamese marks, so "nguyen van an" finds "Nguyễn Văn An"). Only people in the
 * caller's scope are found; the caller themselves cannot be chosen (nobody acts on their own case).
 */
export function PersonSelect({
  value,
  onChange,
  onPersonChange,
  unitsById,
  ...rest
}: PersonSelectProps) {
  const t = useMessages(commonMessages);
  const me = useMe();
  const { people, searching, searched, search } = usePersonSearch(value);

  const options = people.map((person) => {
    const isMe = person.id === me.personId;
    const details = [
      person.code,
      person.position,
      unitsById?.get(person.unitId)?.name,
      isMe ? t.personSelf : null,
      person.active ? null : t.personInactive,
    ].filter(Boolean);
    return {
      value: person.id,
      label: person.fullName,
      disabled: isMe,
      details: details.join(' · '),
    };
  });

  return (
    <Select<string>
      {...rest}
      value={value}
      allowClear
      placeholder={t.personPlaceholder}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (open && !searched) search('');
      }}
      onChange={(id) => {
        onChange?.(id);
        onPersonChange?.(people.find((p) => p.id === id));
      }}
      loading={searching}
      notFoundContent={
        searching ? (
          <span>
            <Spin size="small" /> {t.personSearching}
          </span>
        ) : searched ? (
          t.personNone
        ) : (
          t.personTypeMore
        )
      }
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.details && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.details}
            </Typography.Text>
          )}
        </div>
      )}
    />
  );
}

type UnitSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch'> & {
  units: readonly Unit[];
  /** Closed units may be filtered by (their old cases) but not chosen for a new case. */
  allowClosed?: boolean;
};

interface UnitOption {
  value: string;
  label: string;
  depth: number;
  /** The names of the units above it, shown while searching (the tree is flattened then). */
  parents: string;
  searchText: string;
  disabled: boolean;
}

/**
 * The units of the caller's scope in tree order (a unit whose parent is out of scope is a root),
 * each with its depth, for a list that reads as a tree.
 */
export function unitOptions(
  units: readonly Unit[],
  closedLabel: string,
  allowClosed: boolean,
): UnitOption[] {
  return unitsInTreeOrder(units).map(({ unit, depth, parents }) => ({
    value: unit.id,
    label: unit.active ? unit.name : `${unit.name} (${closedLabel})`,
    depth,
    parents: parents.join(' › '),
    searchText: fold(`${unit.name} ${unit.code}`),
    disabled: !unit.active && !allowClosed,
  }));
}

/**
 * A unit of the caller's scope, listed as the registry tree (indented) and filtered as the user
 * types, ignoring marks. A plain Select rather than antd's TreeSelect: the tree's popup lacks the
 * listbox id its input points to (aria-owns), which axe reports as a critical violation.
 */
export function UnitSelect({ units, allowClosed = false, ...rest }: UnitSelectProps) {
  const t = useMessages(commonMessages);
  const [searching, setSearching] = useState(false);
  const options = useMemo(
    () => unitOptions(units, t.unitClosed, allowClosed),
    [units, t.unitClosed, allowClosed],
  );
  return (
    <Select<string>
      allowClear
      placeholder={t.unitPlaceholder}
      notFoundContent={t.unitsEmpty}
      {...rest}
      options={options}
      showSearch={{
        onSearch: (text) => setSearching(text.trim() !== ''),
        filterOption: (input, option) =>
          matchesWords((option as UnitOption | undefined)?.searchText ?? '', input),
      }}
      onOpenChange={(open) => {
        if (!open) setSearching(false);
        rest.onOpenChange?.(open);
      }}
      optionRender={(option) => {
        const unit = option.data as unknown as UnitOption;
        return searching ? (
          <div>
            <div>{unit.label}</div>
            {unit.parents && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {unit.parents}
              </Typography.Text>
            )}
          </div>
        ) : (
          <div style={{ paddingInlineStart: unit.depth * 16 }}>{unit.label}</div>
        );
      }}
    />
  );
}
