// The tender screen's keyboard. The amount entry keeps the focus: digits and the point are typing;
// everything else here is a command.

export type TenderCommand =
  | { kind: 'enter' }
  | { kind: 'quick'; index: number }
  | { kind: 'qr' }
  | { kind: 'select'; step: -1 | 1 }
  | { kind: 'remove' }
  | { kind: 'back' };

/** The quick-cash keys, in the order of the amounts they pay (smallest first). */
export const QUICK_KEYS = ['F5', 'F6', 'F7'] as const;

/** The command a key means on the tender screen, or null for typing. */
export function tenderCommandForKey(key: string): TenderCommand | null {
  const quick = (QUICK_KEYS as readonly string[]).indexOf(key);
  if (quick >= 0) return { kind: 'quick', index: quick };
  switch (key) {
    case 'Enter':
      return { kind: 'enter' };
    case 'F8':
      return { kind: 'qr' };
    case 'ArrowUp':
      return { kind: 'select', step: -1 };
    case 'ArrowDown':
      return { kind: 'select', step: 1 };
    case 'Delete':
      return { kind: 'remove' };
    case 'Escape':
      return { kind: 'back' };
    default:
      return null;
  }
}

/** A wedge scanner typing a wallet payment code: 10 or more digits, never an amount of cash. */
export function looksLikeWalletCode(text: string): boolean {
  return /^\d{10,}$/.test(text.trim());
}
