import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { api } from '../../api/client';

/**
 * One record read by its address, for a detail screen: null until it arrives (and again while
 * another address loads); the screen replaces it with what a save answers, hence the setter.
 */
export function useRecord<T>(
  path: string,
): [T | null, Dispatch<SetStateAction<T | null>>, unknown] {
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setRecord(null);
    setError(null);
    api
      .get<T>(path, undefined, controller.signal)
      .then(setRecord)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [path]);
  return [record, setRecord, error];
}
