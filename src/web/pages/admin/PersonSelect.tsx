import { Select } from 'antd';
import { useEffect } from 'react';
import type { Person } from '../../api/registry';
import { usePersonSearch } from '../../components/usePersonSearch';
import { useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';

const optionOf = (person: Person) => ({
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
  const { people, searching, search } = usePersonSearch(value);
  // The first page of the registry, before anything is typed.
  useEffect(() => search(''), [search]);

  return (
    <Select<string | null>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={people.map(optionOf)}
      loading={searching}
      allowClear={allowClear}
      placeholder={t.personPickerPlaceholder}
      notFoundContent={searching ? t.loading : t.noPeople}
      showSearch={{ filterOption: false, onSearch: search }}
      style={{ width: '100%' }}
    />
  );
}
