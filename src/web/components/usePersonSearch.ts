import { useCallback, useEffect, useRef, useState } from 'react';
import { loadPerson, searchPeople, type Person } from '../api/registry';

const SEARCH_DELAY_MS = 300;

export interface PersonSearch {
  /** The chosen person first (when the search did not find them), then the search's answer. */
  people: Person[];
  searching: boolean;
  /** Whether any search has answered yet (to tell "none found" from "type to search"). */
  searched: boolean;
  search(text: string): void;
}

/**
 * The state of a person picker. The registry is too large to list, so the server searches (it
 * ignores case and Vietnamese marks) once typing pauses; a newer search cancels an older one,
 * and a failed one leaves the previous answer. The chosen person stays listed and named: taken
 * from the answer it was picked from, or read by id when the value came from elsewhere (an
 * address, a saved record). Texts shorter than `minLength` search nothing.
 */
export function usePersonSearch(value: string | null | undefined, minLength = 0): PersonSearch {
  const [results, setResults] = useState<Person[]>([]);
  const [chosen, setChosen] = useState<Person | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [searched, setSearched] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);

  const search = useCallback(
    (text: string) => {
      clearTimeout(timer.current);
      if (text.trim().length < minLength) return;
      timer.current = setTimeout(() => {
        inFlight.current?.abort();
        const controller = new AbortController();
        inFlight.current = controller;
        setSearching(true);
        searchPeople(text, controller.signal)
          .then((page) => {
            if (controller.signal.aborted) return;
            setResults(page.items);
            setSearched(true);
          })
          .catch(() => {})
          .finally(() => {
            if (!controller.signal.aborted) setSearching(false);
          });
      }, SEARCH_DELAY_MS);
    },
    [minLength],
  );

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  const found = value ? results.find((person) => person.id === value) : undefined;
  useEffect(() => {
    if (!value) return setChosen(undefined);
    if (found) return setChosen(found);
    if (chosen?.id === value) return;
    const controller = new AbortController();
    // An unknown or out-of-scope id stays shown as it is.
    loadPerson(value, controller.signal).then(setChosen, () => {});
    return () => controller.abort();
  }, [value, found, chosen]);

  const people = chosen && !found ? [chosen, ...results] : results;
  return { people, searching, searched, search };
}
