// The simulator's pay page: what a shopper's phone shows after scanning the kiosk's QR code, or, for a
// wallet code the kiosk charged, where the shopper confirms it. Self-contained (inline CSS, plain
// forms, no script) so it works on any phone on the store's LAN. The index lists what waits.
import type { SimPayment } from './store';

/** "¥12.34", "$0.99", "¥1,200" — integer minor units formatted for the currency, never via floats. */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = String(amount).padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  // Intl formats a decimal string exactly (no binary rounding), as ECMA-402 NumberFormat v3 allows.
  return format.format(decimal as unknown as number);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const OUTCOME: Record<SimPayment['status'], { title: string; tone: string }> = {
  pending: { title: 'Confirm payment', tone: '#1d4ed8' },
  paid: { title: 'Payment approved', tone: '#15803d' },
  declined: { title: 'Payment declined', tone: '#b91c1c' },
  cancelled: { title: 'Payment cancelled', tone: '#6b7280' },
};

export interface PayPageOptions {
  merchantName: string;
  /** Shown above the amount, e.g. why an approve was refused. */
  notice?: string;
}

export function renderPayPage(payment: SimPayment, options: PayPageOptions): string {
  const outcome = OUTCOME[payment.status];
  const id = encodeURIComponent(payment.id);
  const reason =
    payment.reason && payment.status !== 'paid' ? `<p class="muted">${escapeHtml(payment.reason)}</p>` : '';
  const notice = options.notice ? `<p class="notice" role="alert">${escapeHtml(options.notice)}</p>` : '';
  const actions =
    payment.status === 'pending'
      ? `<form method="post" action="/pay/${id}/approve"><button class="approve" type="submit">Approve</button></form>
      <form method="post" action="/pay/${id}/decline"><button class="decline" type="submit">Decline</button></form>`
      : `<p class="status" data-status="${payment.status}">${outcome.title}</p>${reason}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outcome.title)} · ${escapeHtml(options.merchantName)}</title>
<style>
  body { margin: 0; font: 17px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f4f6; color: #111827; }
  main { max-width: 420px; margin: 0 auto; padding: 24px 20px; }
  .card { background: #fff; border-radius: 16px; padding: 28px 22px; box-shadow: 0 2px 12px rgba(0,0,0,.08); text-align: center; }
  h1 { font-size: 18px; margin: 0 0 4px; color: ${outcome.tone}; }
  .merchant { font-size: 20px; font-weight: 600; margin: 8px 0 0; }
  .amount { font-size: 44px; font-weight: 700; margin: 16px 0 4px; letter-spacing: -1px; }
  .muted { color: #6b7280; margin: 4px 0; }
  .ref { font: 13px ui-monospace, monospace; overflow-wrap: anywhere; }
  .notice { background: #fef3c7; color: #92400e; border-radius: 8px; padding: 10px; }
  .status { font-size: 22px; font-weight: 700; color: ${outcome.tone}; margin-top: 24px; }
  form { margin: 0; }
  button { width: 100%; border: 0; border-radius: 12px; padding: 18px; font-size: 20px; font-weight: 600; margin-top: 14px; cursor: pointer; }
  .approve { background: #16a34a; color: #fff; }
  .decline { background: #fff; color: #b91c1c; border: 2px solid #fca5a5; }
  footer { text-align: center; color: #9ca3af; font-size: 13px; margin-top: 18px; }
</style>
</head>
<body>
<main>
  <div class="card">
    <h1>${escapeHtml(outcome.title)}</h1>
    ${notice}
    <p class="merchant">${escapeHtml(options.merchantName)}</p>
    <p class="amount">${escapeHtml(formatMoney(payment.amount, payment.currency))}</p>
    <p class="muted">${escapeHtml(payment.description)}</p>
    <p class="muted ref">Ref ${escapeHtml(payment.reference)}</p>
    ${payment.maskedCode ? `<p class="muted ref" data-testid="masked-code">Payment code ${escapeHtml(payment.maskedCode)}</p>` : ''}
    ${actions}
  </div>
  <footer>OpenLane payment simulator — no real money moves.</footer>
</main>
</body>
</html>
`;
}

export function renderMissingPage(id: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment not found</title><style>body{font:17px system-ui,sans-serif;text-align:center;padding:40px 20px;color:#374151}</style></head>
<body><h1>Payment not found</h1><p>No payment with id ${escapeHtml(id)}.</p></body></html>
`;
}

/** The simulator's front page: every payment waiting for the shopper, each a link to its pay page. */
export function renderIndexPage(pending: readonly SimPayment[], options: { merchantName: string }): string {
  const rows = pending
    .map((payment) => {
      const kind = payment.maskedCode ? `payment code ${payment.maskedCode}` : 'QR code';
      return `<li><a href="/pay/${encodeURIComponent(payment.id)}">${escapeHtml(formatMoney(payment.amount, payment.currency))}</a>
      <span>${escapeHtml(kind)} · Ref ${escapeHtml(payment.reference)}</span></li>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment simulator · ${escapeHtml(options.merchantName)}</title>
<style>body{font:17px/1.4 system-ui,sans-serif;max-width:560px;margin:0 auto;padding:24px 20px;color:#111827}
li{margin:10px 0}a{font-weight:700;margin-right:8px}span{color:#6b7280;font-size:14px}</style></head>
<body><h1>Waiting for the shopper</h1>
${rows ? `<ul>${rows}</ul>` : '<p>No payment is waiting.</p>'}
<p><small>OpenLane payment simulator — no real money moves.</small></p></body></html>
`;
}
