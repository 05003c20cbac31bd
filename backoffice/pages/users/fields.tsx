// The role picker and the stores field, shared by making and editing a user.
import type { Role } from '../../../server/office/access';
import { useTexts } from '../../i18n';
import { userTexts } from './texts';

// HQ's roles (server/office/access.ts ROLES; only its types may be imported here), in the menu's order.
const ROLES: readonly Role[] = ['admin', 'category_manager', 'store_manager', 'auditor'];

export function RoleField({ value, onChange }: { value: Role; onChange(role: Role): void }) {
  const t = useTexts(userTexts);
  return (
    <label className="field">
      <span>{t.role}</span>
      <select data-testid="user-role" value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t[role]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StoresField({ value, onChange }: { value: string; onChange(stores: string): void }) {
  const t = useTexts(userTexts);
  return (
    <label className="field users-stores">
      <span>{t.stores}</span>
      <input
        data-testid="user-stores"
        autoComplete="off"
        aria-describedby="user-stores-hint"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
      <small id="user-stores-hint" className="muted">
        {t.storesHint}
      </small>
    </label>
  );
}
