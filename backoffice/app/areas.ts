// The areas of the back office, in the order the menu shows them. Each area's screens live in
// pages/<id>/; who sees an area in the menu follows server/office/access.ts (HQ decides anyway).
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../server/office/access';

export interface Area {
  id: string;
  /** Roles that see it in the menu; absent: everyone. */
  roles?: readonly Role[];
  page: ComponentType;
}

export const AREAS: readonly Area[] = [
  { id: 'overview', page: lazy(() => import('../pages/overview')) },
  { id: 'sales', page: lazy(() => import('../pages/sales')) },
  { id: 'catalog', page: lazy(() => import('../pages/catalog')) },
  { id: 'recalls', page: lazy(() => import('../pages/recalls')) },
  { id: 'stock', page: lazy(() => import('../pages/stock')) },
  { id: 'purchase-orders', page: lazy(() => import('../pages/purchase-orders')) },
  { id: 'stores', page: lazy(() => import('../pages/stores')) },
  { id: 'problems', page: lazy(() => import('../pages/problems')) },
  { id: 'users', roles: ['admin'], page: lazy(() => import('../pages/users')) },
  { id: 'audit', roles: ['admin', 'auditor'], page: lazy(() => import('../pages/audit')) },
];
