// The signed-in frame: the menu of areas on the left, who is signed in and the language at the top,
// and the current area's screen.
import { Suspense, useMemo } from 'react';
import { defineTexts, useTexts } from '../i18n';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { areaTexts } from './area-texts';
import { AREAS } from './areas';
import { LanguagePicker } from './LanguagePicker';
import { PasswordDialog } from './PasswordDialog';
import { href, useRoute } from './route';
import { SessionContext, type Session, type SessionState } from './session';

const texts = defineTexts({
  en: {
    brand: 'OpenLane HQ',
    menu: 'Back office',
    signOut: 'Sign out',
    admin: 'Admin',
    category_manager: 'Category manager',
    store_manager: 'Store manager',
    auditor: 'Auditor',
    allStores: 'all stores',
  },
  'zh-CN': {
    brand: 'OpenLane 总部',
    menu: '后台',
    signOut: '退出登录',
    admin: '管理员',
    category_manager: '品类经理',
    store_manager: '店长',
    auditor: '审计员',
    allStores: '全部门店',
  },
});

export function Shell({ session, signOut, refresh }: { session: Session; signOut(): void; refresh(): void }) {
  const t = useTexts(texts);
  const names = useTexts(areaTexts);
  const route = useRoute();
  const visible = AREAS.filter((a) => !a.roles || a.roles.includes(session.role));
  const current = visible.find((a) => a.id === route.area) ?? visible[0]!;
  const state = useMemo<SessionState>(() => ({ session, signOut, refresh }), [session, signOut, refresh]);
  const Current = current.page;
  return (
    <SessionContext.Provider value={state}>
      <div className="shell">
        <nav className="side" aria-label={t.menu}>
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              OL
            </span>
            {t.brand}
          </div>
          <ul>
            {visible.map((a) => (
              <li key={a.id}>
                <a
                  href={href(a.id)}
                  aria-current={a.id === current.id ? 'page' : undefined}
                  data-testid={`nav-${a.id}`}
                >
                  {names[a.id as keyof typeof names]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="main">
          <header className="top">
            <div className="who" data-testid="signed-in-as">
              <strong>{session.name}</strong>
              <span className="muted">
                {' · '}
                {t[session.role]}
                {' · '}
                {session.stores === 'all' ? t.allStores : session.stores.join(', ')}
              </span>
            </div>
            <LanguagePicker />
            {session.kind === 'user' ? <PasswordDialog /> : null}
            <button type="button" className="button-quiet" onClick={signOut}>
              {t.signOut}
            </button>
          </header>
          <main className="content">
            <ErrorBoundary key={current.id}>
              <Suspense fallback={<div className="muted" aria-busy="true" />}>
                <Current />
              </Suspense>
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </SessionContext.Provider>
  );
}
