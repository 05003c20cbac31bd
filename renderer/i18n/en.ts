// English text for the kiosk. This object's shape is the Messages type: every other language
// must provide every key, so a missing translation fails the type-check.
import type { ScaleState, ScannerProblem, ScanNotice } from '../../services/api/contract';

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
  // For staff in Help: each serial scanner, and why one is not connected.
  scannerConnected: (path: string) => `Scanner ${path}: connected`,
  scannerNotConnected: (path: string, why: string) => `Scanner ${path}: not connected — ${why}`,
  scannerWaiting: 'waiting for it to answer.',
  scannerProblems: {
    not_found: 'this device does not exist. Check the cable and the --scanner path.',
    not_serial: 'this is not a serial port. Check the --scanner path.',
    busy: 'another program is using it. Close that program.',
    no_permission: 'this user may not open it. Add the user to the dialout group.',
    failed: 'it cannot be opened.',
  } satisfies Record<ScannerProblem, string>,
  hq: 'HQ',
  hqSynced: (ago: string) => `Synced ${ago}`,
  hqNotSyncedYet: 'Not synced yet',
  hqOffline: 'Offline',
  hqWaiting: (sales: number, oldest: string) =>
    `Offline — ${sales === 1 ? '1 sale' : `${sales} sales`} waiting, oldest ${oldest}`,
  hqNotConnected: 'Not connected to HQ',
  hqDownloading: 'Downloading the catalog from HQ',
  catalogVersion: (version: number, products: number) => `Catalog version ${version} · ${products} products`,
  hqNoCatalogYet: (products: number) => `No catalog from HQ yet · ${products} products`,
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
    age_check_needed: 'An attendant needs to check your ID before you pay',
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
  paymentNotCharged: 'The payment did not go through. Nothing was charged — you can try again.',
  paymentFailed: (message: string) => `The payment could not start: ${message}`,
  paidTitle: 'Paid — thank you',
  paidSubtitle: 'Please take your items and your receipt.',
  eReceipt: 'Scan for your e-receipt and to join our rewards',
  done: 'Done',
  returningIn: (s: number) => `Returning to the start in ${s} s`,
  receipt: 'Receipt',
  receiptNumber: 'Receipt no.',
  /** On every screen of a terminal whose payments go to the simulator. */
  training: 'Training — payments are simulated',
  /** On a training sale's receipt: it proves no purchase. */
  trainingReceipt: 'Training receipt — not a sale',
  subtotal: 'Subtotal',
  taxAt: (rate: string) => `Tax ${rate}`,
  taxIncluded: 'incl.',
  taxAdded: 'added',
  paidBy: (method: string) => `Paid by ${method}`,
  /** A wallet by the id of the code pattern that recognised it; a store's own wallet shows its id. */
  walletName: (id: string) => ({ wechat: 'WeChat Pay', alipay: 'Alipay' })[id] ?? id,
  loadingReceipt: 'Printing your receipt…',
  // Staff only, on the paid screen after a staff badge scan.
  reprint: 'Reprint receipt',
  reprintPrinting: 'Reprinting…',
  reprintDone: 'Reprinted — the copy says REPRINT.',
  reprintFailed: (why: string) => `Not reprinted: ${why}`,
  connecting: 'Starting up…',
  connectionProblem: 'Connecting to the checkout system…',
  dismiss: 'OK',
  /** The attendant's "mark as paid" over a payment the kiosk cannot confirm. */
  staff: {
    title: 'Mark as paid?',
    who: (name: string) => `Attendant: ${name}`,
    lead: 'Only when the shopper’s phone shows that this payment went through.',
    amount: 'Amount',
    pin: 'Staff PIN',
    reason: 'Reason',
    reasons: { phone: 'Shopper’s phone shows it paid', other: 'Other' },
    ok: 'OK',
    errors: {
      staff_denied: 'Wrong PIN — please try again',
      staff_locked: 'Too many wrong PINs — this badge is locked for a few minutes',
      staff_unknown: 'This badge does not belong to an attendant of this store',
      payment_not_in_flight: 'This payment has already finished',
      payment_cancelling: 'This payment is being cancelled',
    } as Record<string, string>,
    errorOther: 'That didn’t work — please try again',
  },
  /** The weigh screen of a kiosk with a scale (renderer/kiosk/WeighScreen.tsx). */
  weigh: {
    title: 'Weigh your item',
    loading: 'One moment…',
    perKg: (price: string) => `${price} per kg`,
    weight: 'Weight',
    price: 'Price',
    add: 'Add to basket',
    states: {
      stable: 'Ready. Press “Add to basket”.',
      'too-light': 'This is too light to weigh. Place the item on the scale.',
      motion: 'Please wait — the scale is still settling.',
      zero: 'Place the item on the scale.',
      'under-zero': 'Please take everything off the scale, then place the item again.',
      'over-capacity': 'This is too heavy for the scale. Please ask an attendant.',
      'zero-error': 'The scale needs to be reset. Please ask an attendant.',
      'not-answering': 'The scale is not answering. Please ask an attendant.',
      disconnected: 'The scale is not connected. Please ask an attendant.',
    } as Record<ScaleState, string>,
    errors: {
      weight_not_ready: 'The weight is not ready yet. Please wait until it settles.',
      not_weighed: 'This item does not need weighing.',
      no_scale: 'This checkout has no scale. Please ask an attendant.',
      item_not_found: 'We couldn’t find this item. Please ask an attendant.',
      payment_in_progress: 'A payment is in progress; cancel it to add more items.',
    } as Record<string, string>,
    errorOther: 'That didn’t work — please try again or ask for help.',
    /** An attendant typing the weight (their badge scanned while weighing). */
    staff: {
      typeWeight: 'Attendant: type the weight in grams.',
      typePin: (grams: number) => `${grams} g — now type your PIN.`,
      next: 'Next',
    },
  },
  /** Sale restrictions and the age check, as the shopper reads them: calm, saying what happens next. */
  restrictions: {
    hours: (name: string, from: string, to: string) =>
      `${name} can’t be sold between ${from} and ${to}, so it was not added`,
    quantity: (name: string, max: number) =>
      `${name}: you can buy up to ${max} in one visit, so no more were added`,
    heldTitle: 'An attendant will check your ID',
    heldBody: (age: number) =>
      `Some items are for ages ${age}+. Please have your ID ready — an attendant will check it, then you can pay.`,
    heldPay: 'Waiting for ID check',
    approved: 'ID checked — thank you',
    refused: 'The age-restricted items were removed from your basket',
    /** A wallet code or Pay while the basket waits for the check. */
    needed: 'An attendant needs to check your ID before you pay',
  },
  /** The attendant's age check at the lane (badge, then PIN). */
  ageDialog: {
    title: 'Age check',
    who: (name: string) => `Attendant: ${name}`,
    lead: (age: number) => `Check the shopper’s ID (${age}+)`,
    items: 'Items waiting',
    decision: 'Decision',
    approve: 'Approve — old enough',
    refuse: 'Refuse — remove items',
    birthYear: 'Birth year (optional)',
    errors: {
      invalid_age: 'That birth year is under the age limit — choose Refuse',
      no_age_check: 'This basket no longer needs a check',
      invalid_input: 'Type the birth year as four digits, e.g. 1990',
    } as Record<string, string>,
  },
  /** The cashier's counter: terse, for staff who see it all day. */
  counter: {
    role: 'Counter',
    till: (id: string) => `Till ${id}`,
    sale: 'Current sale',
    colItem: 'Item',
    colQty: 'Qty',
    colUnitPrice: 'Unit price',
    colAmount: 'Amount',
    emptyTitle: 'Ready for the next customer',
    emptyHint: 'Scan an item, or type its code and press Enter.',
    lineCount: (n: number) => (n === 1 ? '1 line' : `${n} lines`),
    entryLabel: 'Code',
    entryPlaceholder: 'Scan or type a code',
    entryHint: 'Quantity first: 3*code',
    badEntry: 'Type the quantity (1–9999), a star, then the code — for example 3*6901234567892',
    fixedQuantity: 'This line’s quantity can’t be changed: it is weighed or one unique piece',
    pay: 'Pay',
    camera: 'Camera',
    keyEnter: 'Add code',
    keySelect: 'Select line',
    keyQuantity: 'Quantity ±1',
    keyRemove: 'Remove line',
    keyCamera: 'Camera',
    keyPay: 'Pay',
    keyClear: 'Clear entry',
    paidTitle: 'Paid',
    nextCustomer: 'Next customer',
    eReceipt: 'E-receipt and rewards for the customer',
    // Restrictions in the cashier's words: short, what to do.
    restrictedHours: (name: string, from: string, to: string) => `${name}: no sale ${from}–${to}`,
    restrictedQuantity: (name: string, max: number) => `${name}: limit ${max} per sale`,
    ageNeeded: (age: number) => `ID check ${age}+ — confirm before Pay`,
    ageApproved: (age: number) => `ID checked (${age}+)`,
    ageApprove: 'ID checked',
    ageRefuse: 'Refuse — remove items',
    ageRequired: 'Confirm the ID check first',
  },
  // The shopper's call for help, as the attendant console answered it (services/lanes).
  helpCalling: 'Calling an attendant…',
  helpCallingBody: 'Please stay at this lane. We are letting an attendant know.',
  helpWaitingBody: 'Your call has reached the attendants. Please stay at this lane.',
  helpComing: 'An attendant is coming',
  helpComingBody: 'An attendant has seen your call and is on the way. Please stay at this lane.',
  helpUnanswered: 'No attendant has answered yet',
  helpUnansweredBody:
    'Please wave to a member of staff. An attendant can also help you right here with their badge.',
  helpWhileWaiting: 'While you wait:',
  // A lane the attendant paused or closed from the console.
  laneClosedTitle: 'This lane is closed',
  laneClosedBody: 'Please use another checkout. Thank you.',
  lanePausedTitle: 'This lane is paused',
  lanePausedBody: 'An attendant will open it again shortly. Please wait, or use another checkout.',
};

/** Every kiosk text, by key. */
export type Messages = typeof en;
