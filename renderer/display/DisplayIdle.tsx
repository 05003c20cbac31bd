// Between sales: the store's name and a welcome, quiet and large, in the store's language.
import { useI18n } from '../i18n';

export function DisplayIdle({ storeName }: { storeName: string }) {
  const { t } = useI18n();
  return (
    <main className="display-idle" data-testid="display-idle">
      <div className="display-idle-mark" aria-hidden="true" />
      <p className="display-idle-store" data-testid="display-store">
        {storeName}
      </p>
      <h1 className="display-idle-welcome">{t.display.welcome}</h1>
      <p className="display-idle-hint">{t.display.welcomeHint}</p>
    </main>
  );
}
