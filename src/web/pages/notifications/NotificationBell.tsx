import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { fill, useMessages } from '../../i18n/language';
import { NOTIFICATIONS_CHANGED } from './api';
import { notificationsMessages } from './notifications.messages';

/** How often the bell asks for the unread count (it also asks on every navigation). */
const POLL_MS = 60_000;

/** The header's bell: the unread count, a link to the inbox. */
export function NotificationBell() {
  const t = useMessages(notificationsMessages);
  const location = useLocation();
  const [unread, setUnread] = useState(0);

  const count = useCallback(() => {
    api
      .get<{ unread: number }>('/me/notifications/unread-count')
      .then((answer) => setUnread(answer.unread))
      // A failed count keeps the last one: the bell is a hint, the inbox is the truth.
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    count();
  }, [count, location.pathname]);

  useEffect(() => {
    const timer = window.setInterval(count, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, count);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, count);
    };
  }, [count]);

  const label = unread > 0 ? fill(t.bellUnread, { n: unread }) : t.bell;
  return (
    <Link
      to="/inbox"
      aria-label={label}
      title={label}
      style={{ color: '#fff', display: 'inline-flex', padding: 6 }}
    >
      {/* A dark red, so the count's white figures keep their contrast (WCAG AA). */}
      <Badge count={unread} overflowCount={99} size="small" color="#b3261e">
        <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
      </Badge>
    </Link>
  );
}
