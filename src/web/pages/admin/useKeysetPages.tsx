import { Button, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { useLoad } from '../../components/useLoad';
import { fill, useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';
import type { Page } from './api';

type Query = Record<string, string | number | undefined>;

const NO_PAGE: Page<never> = { items: [], nextCursor: null };

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
  const [seenQuery, setSeenQuery] = useState(queryKey);

  // A changed query drops the cursors (adjusting state while rendering, as React recommends).
  if (seenQuery !== queryKey) {
    setSeenQuery(queryKey);
    setCursors([null]);
  }
  const cursor = cursors[cursors.length - 1];

  const loaded = useLoad(
    (signal) => api.get<Page<T>>(path, { ...query, limit, cursor: cursor ?? undefined }, signal),
    JSON.stringify([path, queryKey, limit, cursor]),
  );
  const page = loaded.data ?? NO_PAGE;

  const next = useCallback(() => {
    if (page.nextCursor) setCursors((current) => [...current, page.nextCursor]);
  }, [page.nextCursor]);
  const previous = useCallback(() => {
    setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current));
  }, []);

  return {
    items: page.items,
    loading: loaded.loading,
    error: loaded.error,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: page.nextCursor !== null,
    previous,
    next,
    reload: loaded.reload,
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
