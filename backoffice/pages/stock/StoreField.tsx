// Choosing a store: a signed-in store manager picks among their own; someone with every store types a
// store code (blank: every store, where a list allows it).
import { useSession } from '../../app/session';
import { defineTexts, useTexts } from '../../i18n';
import { Field, SelectField } from '../../ui/Field';

const texts = defineTexts({
  en: { store: 'Store', all: 'All my stores', code: 'Store code' },
  'zh-CN': { store: '门店', all: '我的全部门店', code: '门店代码' },
});

export function StoreField({
  value,
  onChange,
  allowAll,
  id,
}: {
  value: string;
  onChange(store: string): void;
  allowAll: boolean;
  id: string;
}) {
  const t = useTexts(texts);
  const { session } = useSession();
  return session.stores === 'all' ? (
    <Field
      id={id}
      label={t.store}
      value={value}
      placeholder={allowAll ? t.all : t.code}
      onChange={(code) => onChange(code.trim())}
      size={16}
    />
  ) : (
    <SelectField id={id} label={t.store} value={value} onChange={onChange}>
      {allowAll ? <option value="">{t.all}</option> : null}
      {session.stores.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </SelectField>
  );
}

/** A store code as HQ accepts it, or '' for none. */
export const STORE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;
