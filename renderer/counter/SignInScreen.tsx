// What a counter shows while nobody runs it: the sign-in (badge, PIN), or the lock of the one who
// stepped away (their PIN, or F9 for a supervisor to take over). A sale waiting is said, not shown: it
// is the customer's, and it resumes as it was once someone signs in.
import { useCallback, useLayoutEffect, useState, type ReactNode } from 'react';
import type { ApiError, DutyView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { ApprovalDialog } from './ApprovalDialog';
import { BadgePinForm } from './BadgePinForm';
import { KeyLegend } from './KeyLegend';

export interface SignInScreenProps {
  duty: DutyView;
  header: ReactNode;
  /** Lines of the open sale waiting for whoever signs in (0: none). */
  saleLines: number;
  onSignIn(badge: string, pin: string): Promise<ApiError | null>;
  onUnlock(pin: string): Promise<ApiError | null>;
  /** A badge a serial scanner read: it fills the sign-in's badge field. */
  scannedBadge?: { badge: string; n: number } | null;
  /** The titles, when the screen is not the till's (stock work signs in with the same screen). */
  titles?: { signIn: string; locked: string };
}

export function SignInScreen(props: SignInScreenProps) {
  const { duty, header, saleLines, onSignIn, onUnlock, scannedBadge = null } = props;
  const { t } = useI18n();
  const words = t.counter.staff;
  const locked = duty.state === 'locked' && duty.staff !== null;
  const [takingOver, setTakingOver] = useState(false);
  const closeTakeOver = useCallback(() => setTakingOver(false), []);
  useLayoutEffect(() => {
    if (!locked || takingOver) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F9') return;
      event.preventDefault();
      setTakingOver(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked, takingOver]);

  const legend = locked
    ? [
        { keys: 'Enter', label: words.unlock },
        { keys: 'F9', label: words.keyTakeOver },
      ]
    : [{ keys: 'Enter', label: words.signIn }];

  return (
    <main
      className="counter-screen counter-signin"
      data-testid={locked ? 'counter-locked' : 'counter-signin'}
    >
      {header}
      <div className="counter-signin-body">
        <section className="counter-card counter-signin-card">
          <h1>
            {locked
              ? (props.titles?.locked ?? words.lockedTitle)
              : (props.titles?.signIn ?? words.signInTitle)}
          </h1>
          {locked && duty.staff ? (
            <p className="counter-signin-who" data-testid="locked-by">
              {words.lockedBy(duty.staff.name, words.roles[duty.staff.role])}
            </p>
          ) : null}
          <p className="counter-muted">{locked ? words.lockedHint : words.signInHint}</p>
          {saleLines > 0 ? (
            <p className="counter-signin-sale" data-testid="sale-waiting">
              {words.saleWaiting(saleLines)}
            </p>
          ) : null}
          {/* Keyed by state: a lock starts a fresh form with the PIN focused. */}
          <BadgePinForm
            key={duty.state}
            testId={locked ? 'unlock-form' : 'signin-form'}
            pinOnly={locked}
            scannedBadge={scannedBadge}
            submitLabel={locked ? words.unlock : words.signIn}
            onSubmit={({ badge, pin }) => (locked ? onUnlock(pin) : onSignIn(badge, pin))}
          />
          <KeyLegend items={legend} />
        </section>
      </div>
      {takingOver ? (
        <ApprovalDialog
          title={words.takeOver}
          detail={words.takeOverHint}
          submitLabel={words.signIn}
          onSubmit={({ badge, pin }) => onSignIn(badge, pin)}
          onCancel={closeTakeOver}
        />
      ) : null}
    </main>
  );
}
