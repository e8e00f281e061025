import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import type { Page, Person } from './api';

interface PersonOption {
  value: string;
  label: string;
}

const optionOf = (person: Person): PersonOption => ({
  value: person.id,
  label: `${person.fullName} (${person.code})`,
});

interface PersonSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
}

/**
 * Picks a person from the registry. The search is the server's (it ignores case and diacritics,
 * "dang van on" finds "Đặng Văn Ơn"); the list holds the first 20 matches.
 */
export function PersonSelect({ id, value, onChange, allowClear = true }: PersonSelectProps) {
  const t = useMessages(adminMessages);
  const [options, setOptions] = useState<PersonOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const request = useRef<AbortController | null>(null);

  // The chosen person's name, when the value came from the server (an existing link).
  useEffect(() => {
    if (!value || options.some((option) => option.value === value)) return;
    const controller = new AbortController();
    api
      .get<Person>(`/people/${value}`, undefined, controller.signal)
      .then((person) => setOptions((current) => [optionOf(person), ...current]))
      .catch(() => {});
    return () => controller.abort();
  }, [value, options]);

  useEffect(() => {
    const timer = setTimeout(() => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      api
        .get<Page<Person>>(
          '/people',
          { q: query.trim() || undefined, limit: 20 },
          controller.signal,
        )
        .then((page) => {
          setOptions((current) => {
            const chosen = current.filter((option) => option.value === value);
            const found = page.items.map(optionOf);
            return [...chosen, ...found.filter((option) => option.value !== value)];
          });
        })
        .catch(() => {})
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 300);
    return () => clearTimeout(timer);
    // The value only decides which option stays pinned; a new value needs no new search.
  }, [query]);

  useEffect(() => () => request.current?.abort(), []);

  return (
    <Select<string | null>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      placeholder={t.personPickerPlaceholder}
      notFoundContent={loading ? t.loading : t.noPeople}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      style={{ width: '100%' }}
    />
  );
}
