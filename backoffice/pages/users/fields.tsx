// The role picker and the stores field, shared by making and editing a user.
import type { Role } from '../../../server/office/access';
import { useTexts } from '../../i18n';
import { Field, SelectField } from '../../ui/Field';
import { userTexts } from './texts';

// HQ's roles (server/office/access.ts ROLES; only its types may be imported here), in the menu's order.
const ROLES: readonly Role[] = ['admin', 'category_manager', 'store_manager', 'auditor'];

export function RoleField({ value, onChange }: { value: Role; onChange(role: Role): void }) {
  const t = useTexts(userTexts);
  return (
    <SelectField label={t.role} data-testid="user-role" value={value} onChange={(v) => onChange(v as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t[role]}
        </option>
      ))}
    </SelectField>
  );
}

export function StoresField({ value, onChange }: { value: string; onChange(stores: string): void }) {
  const t = useTexts(userTexts);
  return (
    <Field
      label={t.stores}
      hint={t.storesHint}
      className="users-stores"
      data-testid="user-stores"
      autoComplete="off"
      value={value}
      onChange={onChange}
      required
    />
  );
}
