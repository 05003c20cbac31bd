// Choosing a store: a signed-in store manager picks among their own; someone with every store types a
// store code (blank: every store, where a list allows it).
import { useSession } from '../../app/session';
import { defineTexts, useTexts } from '../../i18n';

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
  return (
    <label className="field" htmlFor={id}>
      {t.store}
      {session.stores === 'all' ? (
        <input
          id={id}
          value={value}
          placeholder={allowAll ? t.all : t.code}
          onChange={(e) => onChange(e.target.value.trim())}
          size={16}
        />
      ) : (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {allowAll ? <option value="">{t.all}</option> : null}
          {session.stores.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}

/** A store code as HQ accepts it, or '' for none. */
export const STORE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;
