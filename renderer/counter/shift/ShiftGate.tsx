// The counter's shift around its selling screens: without an open shift the float is counted first
// (once someone is signed in: before that the sign-in screen has the counter, and every act is refused);
// with one, F9 opens the shift menu, and a drawer that stayed shut after a kick shows as a warning.
import { useLayoutEffect, useState, type ReactNode } from 'react';
import type { TerminalClient } from '../../../services/api/contract';
import { useI18n } from '../../i18n';
import { DenominationCount } from './DenominationCount';
import { ShiftMenu } from './ShiftMenu';
import { useShift } from './useShift';
import './shift.css';

export interface ShiftGateProps {
  client: TerminalClient;
  /** Whether F9 may open the menu now (the selling screen shows, no other dialog is open). */
  menuAllowed: boolean;
  /** The counter's header (store, till, who is signed in), shown over the float count too. */
  header: ReactNode;
  /** The selling screens; `menuOpen` tells them a dialog has the keyboard. */
  children(menuOpen: boolean): ReactNode;
  /** The shift menu's Stock work: the counter switches to it. */
  onStockWork?(): void;
}

export function ShiftGate({ client, menuAllowed, header, children, onStockWork }: ShiftGateProps) {
  const { t } = useI18n();
  const shift = useShift(client);
  const [menuOpen, setMenuOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = shift.state?.shift ?? null;

  // A layout effect, as for every key listener of the counter: it is in place before the screen that
  // allows F9 is painted, so a key pressed the moment the selling screen shows is never lost.
  useLayoutEffect(() => {
    if (!open || !menuAllowed) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F9' || menuOpen) return;
      event.preventDefault();
      setMenuOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, menuAllowed, menuOpen]);

  if (!shift.state) return null;
  const closeMenu = () => {
    setMenuOpen(false);
    // The focus goes back to the code entry, where the cashier types.
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>('[data-testid="code-entry"]')?.focus(),
    );
  };
  // The Z report stays on screen after the close; the float of the next shift comes after it.
  if (!open && !menuOpen && shift.state.signedIn)
    return (
      <>
        {header}
        <div className="shift-float" data-testid="shift-float">
          <DenominationCount
            title={t.shift.floatTitle}
            hint={t.shift.floatHint}
            submitLabel={t.shift.openShift}
            currency={shift.state.currency}
            denominations={shift.state.denominations}
            busy={busy}
            error={error}
            testId="float-count"
            onSubmit={async (counts) => {
              setBusy(true);
              const result = await client.call('shift.open', { counts });
              setBusy(false);
              if (result.ok) {
                setError(null);
                await shift.reload();
              } else setError(t.shift.errors[result.error.code] ?? t.shift.errorOther(result.error.message));
            }}
          />
        </div>
      </>
    );
  return (
    <>
      {shift.drawer.state === 'stayed_shut' ? (
        <p className="banner error shift-drawer" role="alert" data-testid="drawer-shut">
          {t.shift.drawerShut}
        </p>
      ) : null}
      {children(menuOpen)}
      {menuOpen ? (
        <ShiftMenu
          shift={shift}
          onClose={closeMenu}
          onStockWork={
            onStockWork &&
            (() => {
              setMenuOpen(false);
              onStockWork();
            })
          }
        />
      ) : null}
    </>
  );
}
