import { Select, Spin, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMessages } from '../../i18n/language';
import { useMe } from '../../session/session';
import { fold, matchesWords, nominationApi, type Person, type Unit } from './api';
import { commonMessages } from './common.messages';

const SEARCH_DELAY_MS = 300;

type PersonSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'onChange'> & {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Called with the chosen person (or undefined when cleared). */
  onPersonChange?: (person: Person | undefined) => void;
  /** Unit names, to tell apart two people of the same name. */
  unitNames?: ReadonlyMap<string, string>;
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
  unitNames,
  ...rest
}: PersonSelectProps) {
  const t = useMessages(commonMessages);
  const me = useMe();
  const [results, setResults] = useState<Person[]>([]);
  const [selected, setSelected] = useState<Person | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [searched, setSearched] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);

  const search = useCallback((text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setSearching(true);
      nominationApi
        .people(text, controller.signal)
        .then((page) => {
          if (controller.signal.aborted) return;
          setResults(page.items);
          setSearched(true);
        })
        .catch(() => {
          if (!controller.signal.aborted) setResults([]);
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, SEARCH_DELAY_MS);
  }, []);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  // A value set from outside (a form reset) that is not the remembered person forgets it.
  useEffect(() => {
    if (value === undefined) setSelected(undefined);
  }, [value]);

  const people = useMemo(() => {
    const list = selected && !results.some((p) => p.id === selected.id) ? [selected] : [];
    return [...list, ...results];
  }, [results, selected]);

  const options = people.map((person) => {
    const isMe = person.id === me.personId;
    const details = [
      person.code,
      person.position,
      unitNames?.get(person.unitId),
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
        const person = people.find((p) => p.id === id);
        setSelected(person);
        onChange?.(id);
        onPersonChange?.(person);
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
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const options: UnitOption[] = [];
  const visit = (parent: string | null, depth: number, parents: string[]) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name, 'vi'),
    );
    for (const unit of level) {
      options.push({
        value: unit.id,
        label: unit.active ? unit.name : `${unit.name} (${closedLabel})`,
        depth,
        parents: parents.join(' › '),
        searchText: fold(`${unit.name} ${unit.code}`),
        disabled: !unit.active && !allowClosed,
      });
      visit(unit.id, depth + 1, [...parents, unit.name]);
    }
  };
  visit(null, 0, []);
  return options;
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
