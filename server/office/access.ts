// Who may do what in the back office. Four roles, as a chain's office is organised: an admin does
// everything; a category manager owns the catalog, prices and recalls for the whole chain; a store
// manager runs their own stores (prices there, devices, stock, purchase orders) and sees only them; an
// auditor reads everything and changes nothing. The /admin/v1 routes decide with `denied` below.
import type { HttpFailure } from '../result';
import { fail } from '../result';

export const ROLES = ['admin', 'category_manager', 'store_manager', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A change a route makes; reading needs only a signed-in actor whose stores include the store. */
export type Permission =
  | 'catalog.write' // products, names, restrictions, catalog imports
  | 'prices.write' // chain prices, store price overrides, dated price changes
  | 'recalls.write'
  | 'devices.write' // enrolment codes, revoking a device
  | 'stock.write' // purchase orders, count reviews, stock flags
  | 'sales.write' // dead letters retried or dismissed
  | 'users.write';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'catalog.write',
    'prices.write',
    'recalls.write',
    'devices.write',
    'stock.write',
    'sales.write',
    'users.write',
  ],
  category_manager: ['catalog.write', 'prices.write', 'recalls.write'],
  store_manager: ['prices.write', 'devices.write', 'stock.write', 'sales.write'],
  auditor: [],
};

/** Whoever a back-office request acts for: a signed-in user, or the bootstrap admin token. */
export interface Actor {
  kind: 'user' | 'token';
  /** The user's id; null for the admin token. */
  userId: string | null;
  /** What the audit log and the screen call them. */
  name: string;
  role: Role;
  /** The store codes they may see and change; 'all' for every store of the chain. */
  stores: 'all' | readonly string[];
}

/** The admin token acts as an admin of every store (it bootstraps the first user, and serves scripts). */
export const TOKEN_ACTOR: Actor = {
  kind: 'token',
  userId: null,
  name: 'admin token',
  role: 'admin',
  stores: 'all',
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function seesStore(actor: Actor, store: string): boolean {
  return actor.stores === 'all' || actor.stores.includes(store);
}

/**
 * Why the actor may not do this, as the 403 to send, or null when they may. A `store` names the store
 * the request touches; a chain-wide change (no store) by a store manager is refused.
 */
export function denied(
  actor: Actor,
  permission: Permission | 'read',
  store?: string | null,
): HttpFailure | null {
  if (permission !== 'read' && !hasPermission(actor, permission)) {
    return fail(403, 'forbidden', `a ${actor.role.replace('_', ' ')} may not do this (${permission})`);
  }
  if (store != null && !seesStore(actor, store)) {
    return fail(403, 'forbidden_store', `${actor.name} has no access to store ${store}`);
  }
  if (store == null && permission !== 'read' && actor.stores !== 'all') {
    return fail(
      403,
      'forbidden',
      `${actor.name} may change only their own stores, and this change is chain-wide`,
    );
  }
  return null;
}

/** The stores a list is limited to: null for all (the SQL adds no filter). */
export function storeFilter(actor: Actor): readonly string[] | null {
  return actor.stores === 'all' ? null : actor.stores;
}
