// The counter's keyboard: which key does what. The code entry keeps the focus, so a key that is also
// text (+, −, Delete) acts on the selected line only while the entry is empty.

export type CounterCommand =
  | 'select-up'
  | 'select-down'
  | 'more'
  | 'less'
  | 'remove'
  | 'camera'
  | 'pay'
  | 'clear'
  // The counter's tools (renderer/counter/tools): find an item, suspend/resume, a kiosk's basket.
  | 'lookup'
  | 'suspend'
  | 'kiosk-basket'
  // Returns and refunds (renderer/counter/refund).
  | 'returns';

/** The command a key press means, or null for a key that is just typing. */
export function commandForKey(key: string, entryEmpty: boolean): CounterCommand | null {
  switch (key) {
    case 'ArrowUp':
      return 'select-up';
    case 'ArrowDown':
      return 'select-down';
    case 'F2':
      return 'camera';
    case 'F12':
      return 'pay';
    case 'Escape':
      return entryEmpty ? null : 'clear';
    case '+':
      return entryEmpty ? 'more' : null;
    case '-':
    case '−':
      return entryEmpty ? 'less' : null;
    case 'Delete':
      return entryEmpty ? 'remove' : null;
    case 'F3':
      return 'lookup';
    case 'F7':
      return 'suspend';
    // F11, not F8: F8 is the price tools' void sale (and the tender screen's QR).
    case 'F11':
      return 'kiosk-basket';
    // F1: Returns, from an empty sale (the selling screen says to finish or suspend one in progress).
    case 'F1':
      return 'returns';
    default:
      return null;
  }
}
