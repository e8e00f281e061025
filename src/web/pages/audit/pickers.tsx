import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { loadAllUnits, unitsInTreeOrder } from '../../api/registry';
import { usePersonSearch } from '../../components/usePersonSearch';
import type { Person, Unit } from './api';
import { foldedSearch } from '../../i18n/fold';

/** What Form.Item hands its control: the value, the change callback, and the label's target id. */
interface ControlProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
}

function personLabel(person: Person): string {
  return person.position
    ? `${person.fullName} – ${person.position} (${person.code})`
    : `${person.fullName} (${person.code})`;
}

/** A person of the registry, found by name on the server (diacritics optional). */
export function PersonSelect({ id, value, onChange, placeholder }: ControlProps) {
  // Two letters at least: one would match most of the registry.
  const { people, searching, search } = usePersonSearch(value, 2);

  return (
    <Select
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      placeholder={placeholder}
      loading={searching}
      showSearch={{ filterOption: false, onSearch: search }}
      options={people.map((person) => ({ value: person.id, label: personLabel(person) }))}
      notFoundContent={null}
    />
  );
}

let unitsCache: Promise<Unit[]> | null = null;

/**
 * A unit of the registry (what the caller's grants let them see), listed in tree order with
 * indentation. A plain Select, not a TreeSelect: antd's tree popup fails axe (an
 * aria-activedescendant to nothing, a scroll region the keyboard cannot reach).
 */
export function UnitSelect({ id, value, onChange, placeholder }: ControlProps) {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    unitsCache ??= loadAllUnits().catch((error: unknown) => {
      unitsCache = null;
      throw error;
    });
    unitsCache.then(
      (loaded) => {
        if (live) setUnits(loaded);
      },
      () => {
        // Without the registry the picker stays empty; the other filters still work.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const options = useMemo(
    () =>
      unitsInTreeOrder(units).map(({ unit, depth }) => {
        const title = `${unit.name} (${unit.code})`;
        return {
          value: unit.id,
          title,
          label: <span style={{ paddingInlineStart: depth * 16 }}>{title}</span>,
        };
      }),
    [units],
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next ?? undefined)}
      allowClear
      placeholder={placeholder}
      options={options}
      showSearch={foldedSearch('title')}
      labelRender={({ value: chosen }) =>
        options.find((option) => option.value === chosen)?.title ?? String(chosen)
      }
      popupMatchSelectWidth={false}
    />
  );
}
