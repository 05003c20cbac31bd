// English text for the kiosk. This object's shape is the Messages type: every other language
// must provide every key, so a missing translation fails the type-check.
import type { ScanNotice } from '../../services/api/contract';

export const en = {
  languageName: 'English',
  welcome: 'Welcome',
  scanToStart: 'Scan an item to start',
  scanHint: 'Hold the barcode under the red light of the scanner.',
  typeBarcode: 'No barcode scanner? Type the number',
  help: 'Help',
  helpTitle: 'An attendant is on the way',
  helpBody: 'Stay here — someone will be with you in a moment. Meanwhile:',
  helpSteps: [
    'Hold each item’s barcode flat under the scanner light until you hear a beep.',
    'Loose fruit and vegetables: place them on the scale when asked.',
    'Can’t scan it? Type the numbers under the barcode on the keypad.',
  ],
  close: 'Close',
  scannerReady: 'Scanner ready',
  scannerOffline: 'Scanner not connected',
  hq: 'HQ',
  hqSynced: (ago: string) => `Synced ${ago}`,
  hqNotSyncedYet: 'Not synced yet',
  hqOffline: 'Offline',
  hqWaiting: (sales: number, oldest: string) =>
    `Offline — ${sales === 1 ? '1 sale' : `${sales} sales`} waiting, oldest ${oldest}`,
  hqNotConnected: 'Not connected to HQ',
  hqDownloading: 'Downloading the catalog from HQ',
  catalogVersion: (version: number, products: number) => `Catalog version ${version} · ${products} products`,
  /** HQ's clock minus this till's, as staff read it: "Clock 3 min behind HQ". */
  clockSkew: (aheadOfTill: boolean, size: string) =>
    aheadOfTill ? `Clock ${size} behind HQ` : `Clock ${size} ahead of HQ`,
  clockInStep: 'Clock in step with HQ',
  /** "just now", "2 min ago", "3 h ago", "2 days ago". */
  ago: (seconds: number) => {
    if (seconds < 60) return 'just now';
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
    if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
    const days = Math.floor(seconds / 86_400);
    return days === 1 ? '1 day ago' : `${days} days ago`;
  },
  /** An age: "40 s", "12 min", "3 h", "2 days". */
  age: (seconds: number) => {
    if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
    const days = Math.floor(seconds / 86_400);
    return days === 1 ? '1 day' : `${days} days`;
  },
  yourBasket: 'Your basket',
  itemCount: (n: number) => (n === 1 ? '1 item' : `${n} items`),
  perKg: '/ kg',
  each: 'each',
  total: 'Total',
  pay: (amount: string) => `Pay ${amount}`,
  cancelOrder: 'Cancel order',
  cancelTitle: 'Cancel this order?',
  cancelBody: 'All items will be removed from your basket. Nothing has been charged.',
  cancelYes: 'Yes, cancel order',
  cancelNo: 'Keep shopping',
  increase: 'One more',
  decrease: 'One less',
  remove: 'Remove',
  cameraButton: 'Scan with camera',
  cameraTitle: 'Hold the barcode up to the camera',
  cameraHint: 'Keep it flat and inside the frame. It is added as soon as it is read.',
  cameraUnavailable: 'The camera is not available. Please use the scanner or the keypad.',
  keypadTitle: 'Type a barcode',
  keypadPlaceholder: 'Barcode number',
  keypadAdd: 'Add item',
  keypadClear: 'Clear',
  keypadBackspace: 'Delete last digit',
  emptyBasket: 'Your basket is empty. Scan an item to start.',
  ageCheck: (age: number) => `An attendant will check your ID (${age}+)`,
  scanErrors: {
    invalid_code: 'That barcode could not be read — please try again',
    payment_code: 'Scan your items first, then your payment code',
    payment_in_progress: 'A payment is in progress — cancel it to add more items',
    garbled_scan: 'The scanner could not read that — please scan again',
    item_not_found: 'We can’t find this item — please ask for help',
    invalid_input: 'That didn’t work — please try again',
    basket_empty: 'Your basket is empty — scan an item first',
    item_expired: 'This item is past its expiry date — please take it to a member of staff',
    item_recalled: 'This item has been recalled and can’t be sold — please hand it to staff',
    duplicate_serial: 'This exact item has already been scanned',
    label_unreadable: 'The label on this item can’t be read — please ask a member of staff',
    invalid_quantity: 'The number of this item can’t be changed',
  } as Record<string, string>,
  /** For a refusal this screen has no text of its own for. */
  scanErrorOther: 'That didn’t work — please try again or ask for help',
  scanNotices: {
    item_expired_warning: 'Past its expiry date — added; staff may check it',
    member_attached: 'Member card added — points will be collected',
    staff_badge: 'Staff badge read',
  } as Record<ScanNotice['code'], string>,
  lot: (lot: string) => `Lot ${lot}`,
  serial: (serial: string) => `Serial ${serial}`,
  useBy: (date: string) => `Use by ${date}`,
  member: 'Member',
  weightTitle: 'Weigh this item',
  weightBody: 'Place it on the scale, or type its weight in grams.',
  weightUnit: 'g',
  weightAdd: 'Add item',
  cancel: 'Cancel',
  scanToPay: 'Scan to pay',
  amountDue: 'Amount due',
  scanWithApp: 'Scan with your payment app',
  orScanYourCode: 'or scan your payment code',
  payingByCode: 'Pay by payment code',
  confirmOnPhone: 'Confirm the payment on your phone',
  chargingCode: 'Charging your payment code…',
  paymentCode: 'Payment code',
  codeValidFor: (time: string) => `Code valid for ${time}`,
  cancelPayment: 'Cancel payment',
  preparingPayment: 'Preparing your payment code…',
  checkingPayment: 'Checking your payment…',
  paymentDeclined: 'The payment was declined. Nothing was charged — you can try again.',
  paymentExpired: 'The payment code expired. Nothing was charged — you can try again.',
  paymentFailed: (message: string) => `The payment could not start: ${message}`,
  paidTitle: 'Paid — thank you',
  paidSubtitle: 'Please take your items and your receipt.',
  eReceipt: 'Scan for your e-receipt and to join our rewards',
  done: 'Done',
  returningIn: (s: number) => `Returning to the start in ${s} s`,
  receipt: 'Receipt',
  receiptNumber: 'Receipt no.',
  subtotal: 'Subtotal',
  taxAt: (rate: string) => `Tax ${rate}`,
  taxIncluded: 'incl.',
  taxAdded: 'added',
  paidBy: (method: string) => `Paid by ${method}`,
  loadingReceipt: 'Printing your receipt…',
  connecting: 'Starting up…',
  connectionProblem: 'Connecting to the checkout system…',
  dismiss: 'OK',
};

/** Every kiosk text, by key. */
export type Messages = typeof en;
