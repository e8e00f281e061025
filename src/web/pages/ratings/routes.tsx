import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import { RoleGate } from '../nominations/RoleGate';
import { ratingsMessages } from './ratings.messages';
import { RatingsPage } from './RatingsPage';
import { RATING_READERS } from './roles';

function Gated() {
  const t = useMessages(ratingsMessages);
  return (
    <RoleGate roles={RATING_READERS} title={t.title}>
      <RatingsPage />
    </RoleGate>
  );
}

/** The annual ratings register (mounted under the app shell by app/routes.tsx). */
export const ratingRoutes: RouteObject[] = [{ path: '/ratings', element: <Gated /> }];
