import { Navigate, type RouteObject } from 'react-router';
import { AccessibleTheme } from '../audit/parts';
import { CertificateLookupPage, CertificatePage } from './CertificatePage';
import { NoticesPage } from './NoticesPage';

/**
 * Pages anyone may open without signing in (mounted under the public shell).
 * `/public/certificates/:code` is the address a certificate's QR code opens.
 */
export const publicRoutes: RouteObject[] = [
  { path: '/public', element: <Navigate to="/public/notices" replace /> },
  {
    path: '/public/notices',
    element: (
      <AccessibleTheme>
        <NoticesPage />
      </AccessibleTheme>
    ),
  },
  {
    path: '/public/certificates',
    element: (
      <AccessibleTheme>
        <CertificateLookupPage />
      </AccessibleTheme>
    ),
  },
  {
    path: '/public/certificates/:code',
    element: (
      <AccessibleTheme>
        <CertificatePage />
      </AccessibleTheme>
    ),
  },
];
