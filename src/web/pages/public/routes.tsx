import { Navigate, type RouteObject } from 'react-router';
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
    element: <NoticesPage />,
  },
  {
    path: '/public/certificates',
    element: <CertificateLookupPage />,
  },
  {
    path: '/public/certificates/:code',
    element: <CertificatePage />,
  },
];
