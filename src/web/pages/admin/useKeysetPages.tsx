import { Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { fill, useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import type { Page } from './api';

type Query = Record<string, string | number | undefined>;

export interface KeysetPages<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  /** 1-based number of the page on screen. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
  reload(): void;
}

/**
 * A list the API pages by keyset (`cursor` → `nextCursor`): the cursors of the pages already
 * seen are kept, so "previous" goes back without offsets. A new query starts at page one.
 */
export function useKeysetPages<T>(path: string, query: Query, limit: number): KeysetPages<T> {
  const queryKey = JSON.stringify(query);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<T>>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [seenQuery, setSeenQuery] = useState(queryKey);

  // A changed query drops the cursors (adjusting state while rendering, as React recommends).
  if (seenQuery !== queryKey) {
    setSeenQuery(queryKey);
    setCursors([null]);
  }
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Page<T>>(
        path,
        { ...(JSON.parse(queryKey) as Query), limit, cursor: cursor ?? undefined },
        controller.signal,
      )
      .then((loaded) => {
        setPage(loaded);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, limit, cursor, generation]);

  const next = useCallback(() => {
    if (page.nextCursor) setCursors((current) => [...current, page.nextCursor]);
  }, [page.nextCursor]);
  const previous = useCallback(() => {
    setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current));
  }, []);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    items: page.items,
    loading,
    error,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: page.nextCursor !== null,
    previous,
    next,
    reload,
  };
}

/** Previous / next buttons for a keyset list (a keyset has no page count to jump to). */
export function KeysetPager({ pages }: { pages: KeysetPages<unknown> }) {
  const t = useMessages(adminMessages);
  if (!pages.hasPrevious && !pages.hasNext) return null;
  return (
    <nav aria-label={t.paging} style={{ marginTop: 16 }}>
      <Space>
        <Button onClick={pages.previous} disabled={!pages.hasPrevious || pages.loading}>
          {t.previousPage}
        </Button>
        <Typography.Text aria-live="polite">
          {fill(t.pageNumber, { n: pages.pageNumber })}
        </Typography.Text>
        <Button onClick={pages.next} disabled={!pages.hasNext || pages.loading}>
          {t.nextPage}
        </Button>
      </Space>
    </nav>
  );
}
