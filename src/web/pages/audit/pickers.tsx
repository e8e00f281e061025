import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { auditApi, type Person, type Unit } from './api';

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
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | null>(null);

  // A person chosen earlier (from the address) is named, not shown as a bare id.
  useEffect(() => {
    if (!value || options.some((option) => option.value === value)) return;
    let live = true;
    auditApi.person(value).then(
      (person) => {
        if (live) setOptions((current) => [{ value, label: personLabel(person) }, ...current]);
      },
      () => {
        // An unknown or out-of-scope id stays shown as it is; the search answers for it.
      },
    );
    return () => {
      live = false;
    };
  }, [value, options]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  const search = (text: string) => {
    clearTimeout(timer.current);
    const query = text.trim();
    if (query.length < 2) return;
    timer.current = setTimeout(() => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      auditApi
        .people(query, controller.signal)
        .then((page) =>
          setOptions(
            page.items.map((person) => ({ value: person.id, label: personLabel(person) })),
          ),
        )
        .catch(() => {
          // A failed or superseded search leaves the previous options.
        })
        .finally(() => {
          if (request.current === controller) setLoading(false);
        });
    }, 300);
  };

  return (
    <Select
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      allowClear
      placeholder={placeholder}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      options={options}
      notFoundContent={null}
    />
  );
}

let unitsCache: Promise<Unit[]> | null = null;

async function allUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | null = null;
  // A registry has tens of units, at most a few hundred: a handful of pages of 100.
  for (let page = 0; page < 20; page += 1) {
    const result = await auditApi.units(cursor);
    units.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return units;
}

interface UnitOption {
  value: string;
  /** What the search matches and the closed select shows. */
  title: string;
  depth: number;
}

/** The units in tree order (each under its parent), with their depth for the indentation. */
function treeOrder(units: Unit[]): UnitOption[] {
  const children = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    // A unit whose parent is outside the caller's scope is a root of what they may see.
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: UnitOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name, 'vi'),
    );
    for (const unit of siblings) {
      ordered.push({ value: unit.id, title: `${unit.name} (${unit.code})`, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * A unit of the registry (what the caller's grants let them see), listed in tree order with
 * indentation. A plain Select, not a TreeSelect: antd's tree popup fails axe (an
 * aria-activedescendant to nothing, a scroll region the keyboard cannot reach).
 */
export function UnitSelect({ id, value, onChange, placeholder }: ControlProps) {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    unitsCache ??= allUnits().catch((error: unknown) => {
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
      treeOrder(units).map((unit) => ({
        value: unit.value,
        title: unit.title,
        label: <span style={{ paddingInlineStart: unit.depth * 16 }}>{unit.title}</span>,
      })),
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
      showSearch={{ optionFilterProp: 'title' }}
      labelRender={({ value: chosen }) =>
        options.find((option) => option.value === chosen)?.title ?? String(chosen)
      }
      popupMatchSelectWidth={false}
    />
  );
}
