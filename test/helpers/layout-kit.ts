// The in-page toolkit the layout checks share: boxes, what an element's ancestors let show, and words
// for elements. Each installer runs in the browser (serialised by page.evaluate), so it may use nothing
// from this module's scope: it puts its functions on window.__layoutKit, where the others find them
// when they are called.
import type { Page } from 'playwright-core';

export type Box = { left: number; top: number; right: number; bottom: number };

/** What the ancestors of an element let through (see clipsOf). */
export interface Clips {
  hard: Box;
  scroll: Box;
  hardBy: Element | null;
  scrollBy: Element | null;
}

export interface Kit {
  SLACK: number;
  CONTROL: string;
  box(r: DOMRect | Box): Box;
  meet(a: Box, b: Box): Box;
  empty(b: Box): boolean;
  outside(inner: Box, outer: Box, what: string): string | null;
  clipsOf(el: Element): Clips;
  clipName(el: Element | null): string;
  isControl(el: Element): boolean;
  ownText(el: Element): string;
  describe(el: Element): string;
  shown(el: Element): boolean;
}

/** The kit in the page, made on first use. */
export function kitOf(): Kit {
  const w = window as unknown as { __layoutKit?: Kit };
  w.__layoutKit ??= {} as Kit;
  return w.__layoutKit;
}

function installBoxes(): void {
  const kit = (window as unknown as { __layoutKit: Kit }).__layoutKit;
  kit.SLACK = 1;
  kit.box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  kit.meet = (a, b) => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  kit.empty = (b) => b.right - b.left <= kit.SLACK || b.bottom - b.top <= kit.SLACK;
  /** How far a box sticks out past `outer`, as words ("40 px below the viewport"), or null. */
  kit.outside = (inner, outer, what) => {
    const parts: string[] = [];
    const px = (n: number) => `${Math.round(n)} px`;
    if (inner.bottom - outer.bottom > kit.SLACK)
      parts.push(`${px(inner.bottom - outer.bottom)} below ${what}`);
    if (outer.top - inner.top > kit.SLACK) parts.push(`${px(outer.top - inner.top)} above ${what}`);
    if (inner.right - outer.right > kit.SLACK)
      parts.push(`${px(inner.right - outer.right)} right of ${what}`);
    if (outer.left - inner.left > kit.SLACK) parts.push(`${px(outer.left - inner.left)} left of ${what}`);
    return parts.length > 0 ? parts.join(' and ') : null;
  };
}

function installClips(): void {
  const kit = (window as unknown as { __layoutKit: Kit }).__layoutKit;
  /**
   * What of the element its ancestors let through: `hard` is cut by boxes that clip (and by scrolling
   * lists sideways); `scroll` is `hard` cut again by lists that scroll up and down (ul, ol, role=list). `hardBy` and
   * `scrollBy` are the innermost boxes doing each.
   */
  kit.clipsOf = (el) => {
    let hard: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    let scroll = hard;
    let hardBy: Element | null = null;
    let scrollBy: Element | null = null;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = a.getBoundingClientRect();
      const inner: Box = {
        left: r.left + a.clientLeft,
        top: r.top + a.clientTop,
        right: r.left + a.clientLeft + a.clientWidth,
        bottom: r.top + a.clientTop + a.clientHeight,
      };
      // Only a list (the basket's lines, the receipt's) is something a shopper knows to scroll; a card
      // or dialog that scrolls hides what is below its fold.
      const scrollsY =
        (style.overflowY === 'auto' || style.overflowY === 'scroll') && a.matches('ul, ol, [role=list]');
      // Inside a list that scrolls, up and down is the list's business (boxes around it clip what
      // it scrolls away, not what it shows).
      const sideways: Box =
        scrollsY || scrollBy !== null ? { ...inner, top: -Infinity, bottom: Infinity } : inner;
      const before = hard;
      hard = kit.meet(hard, sideways);
      if (hardBy === null && (hard.left !== before.left || hard.right !== before.right || !scrollsY))
        hardBy = a;
      scroll = kit.meet(scroll, inner);
      if (scrollBy === null && scrollsY) scrollBy = a;
    }
    return { hard, scroll: kit.meet(scroll, hard), hardBy, scrollBy };
  };
  kit.clipName = (el) =>
    el === null
      ? 'its box'
      : el.getAttribute('data-testid')
        ? `data-testid=${el.getAttribute('data-testid')}`
        : el.id
          ? `#${el.id}`
          : `.${[...el.classList].join('.') || el.tagName.toLowerCase()}`;
}

function installWords(): void {
  const kit = (window as unknown as { __layoutKit: Kit }).__layoutKit;
  const short = (text: string, max: number) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  kit.CONTROL = 'button, input:not([type=hidden]), select, textarea, a[href], [role=button]';
  kit.isControl = (el) => el.matches(kit.CONTROL);
  kit.ownText = (el) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
  /** `“Done” button (data-testid=done-button)`, `text “¥12.90 each” (inside data-testid=basket-line)`. */
  kit.describe = (el) => {
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    const where =
      el.getAttribute('data-testid') !== null
        ? ` (data-testid=${testId})`
        : testId
          ? ` (inside data-testid=${testId})`
          : el.classList.length > 0
            ? ` (.${[...el.classList].join('.')})`
            : '';
    if (!kit.isControl(el))
      return `text “${short((el as HTMLElement).innerText || kit.ownText(el), 30)}”${where}`;
    const name =
      el.getAttribute('aria-label') ??
      ((el as HTMLElement).innerText || (el as HTMLInputElement).placeholder || '');
    const kind = el.tagName === 'INPUT' ? 'field' : 'button';
    return `${name ? `“${short(name, 30)}” ` : ''}${kind}${where}`;
  };
  kit.shown = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0)
      return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
}

/**
 * Puts the kit and then `more` (the checks) into the page, unless this document has them already
 * (a navigation or setContent starts a new one).
 */
export async function installKit(page: Page, more: readonly (() => void)[]): Promise<void> {
  if (await page.evaluate(() => '__layoutKit' in window)) return;
  await page.evaluate(kitOf);
  for (const install of [installBoxes, installClips, installWords, ...more]) await page.evaluate(install);
}
