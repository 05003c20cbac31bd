// Geometry checks that run inside the page and answer in sentences, so a failing screen test reads
// like a bug report: "“Done” button (data-testid=done-button) is 40 px below the viewport at
// 1024×768 zh-CN". What counts as a problem on a kiosk a stranger uses in a hurry:
// - the page itself scrolls, or anything sticks out past the edge of the screen;
// - a control is cut off by the box it sits in (a list that scrolls may hide its rows below the
//   fold: that is a list a shopper knows to scroll, unless the control is one the screen needs);
// - text is cut: any text at all, except a product name, which may be cut after it has wrapped, if
//   at least MIN_NAME_CHARS of it still show (so "L.. S.." fails, "Organic Free-Range Brown E…" does not);
// - two controls, or a control and a text, overlap; a control is covered by something else;
// - a control the screen needs (Pay, Done…) is not wholly on screen, or is smaller than a fingertip.
import type { Page } from 'playwright-core';

/** A product name cut after wrapping must still show this many characters (or all of it, if shorter). */
export const MIN_NAME_CHARS = 24;
/** The smallest box a finger hits reliably (WCAG 2.5.5's 44 CSS px). */
export const MIN_TARGET_PX = 44;

export interface LayoutCheckOptions {
  /** data-testids of the controls a shopper needs on this screen: each wholly visible and touchable. */
  needs?: readonly string[];
  /** The text that may be cut after wrapping (product names). */
  nameSelector?: string;
}

/** The problems on the page as it is now, each a sentence ending in the size and the page's language. */
export async function layoutProblems(page: Page, options: LayoutCheckOptions = {}): Promise<string[]> {
  const found = await page.evaluate(inPageChecks, {
    needs: [...(options.needs ?? [])],
    nameSelector: options.nameSelector ?? '[data-testid="line-name"]',
    minNameChars: MIN_NAME_CHARS,
    minTargetPx: MIN_TARGET_PX,
  });
  const { width, height } = page.viewportSize()!;
  const where = `at ${width}×${height} ${found.lang || '(no lang)'}`;
  return found.problems.map((problem) => `${problem} ${where}`);
}

interface InPageOptions {
  needs: string[];
  nameSelector: string;
  minNameChars: number;
  minTargetPx: number;
}

/**
 * Runs in the browser (serialised by page.evaluate): it may use nothing from this module's scope,
 * so its helpers are arrow functions declared inside it.
 */
function inPageChecks(opts: InPageOptions): { lang: string; problems: string[] } {
  type Box = { left: number; top: number; right: number; bottom: number };
  const problems: string[] = [];
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const viewport: Box = { left: 0, top: 0, right: vw, bottom: vh };
  const SLACK = 1;
  const round = (n: number) => Math.round(n);
  const box = (r: DOMRect | Box): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const meet = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  const empty = (b: Box) => b.right - b.left <= SLACK || b.bottom - b.top <= SLACK;
  const short = (text: string, max = 40) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };

  const CONTROL = 'button, input:not([type=hidden]), select, textarea, a[href], [role=button]';
  const isControl = (el: Element) => el.matches(CONTROL);
  const ownText = (el: Element) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
  const describe = (el: Element): string => {
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    const idPart =
      el.getAttribute('data-testid') !== null
        ? ` (data-testid=${testId})`
        : testId
          ? ` (inside data-testid=${testId})`
          : el.classList.length > 0
            ? ` (.${[...el.classList].join('.')})`
            : '';
    if (isControl(el)) {
      const name =
        el.getAttribute('aria-label') ??
        ((el as HTMLElement).innerText || (el as HTMLInputElement).placeholder || '');
      const kind = el.tagName === 'INPUT' ? 'field' : 'button';
      return `${name ? `“${short(name, 30)}” ` : ''}${kind}${idPart}`;
    }
    return `text “${short((el as HTMLElement).innerText || ownText(el), 30)}”${idPart}`;
  };
  const shown = (el: Element) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0)
      return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  /**
   * What of the element its ancestors let through: `hard` is cut by boxes that clip (and by scrolling
   * lists sideways); `scroll` is `hard` cut again by lists that scroll up and down. `by` names the
   * innermost box that clips at all.
   */
  const clipsOf = (el: Element) => {
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
      const scrollsY = style.overflowY === 'auto' || style.overflowY === 'scroll';
      // Inside a list that scrolls, up and down is the list's business (boxes around it clip what
      // it scrolls away, not what it shows).
      const sideways: Box =
        scrollsY || scrollBy !== null ? { ...inner, top: -Infinity, bottom: Infinity } : inner;
      const before = hard;
      hard = meet(hard, sideways);
      if (hardBy === null && (hard.left !== before.left || hard.right !== before.right || !scrollsY))
        hardBy = a;
      scroll = meet(scroll, inner);
      if (scrollBy === null && scrollsY) scrollBy = a;
    }
    scroll = meet(scroll, hard);
    return { hard, scroll, hardBy, scrollBy };
  };
  const name = (el: Element | null) =>
    el === null
      ? 'its box'
      : el.getAttribute('data-testid')
        ? `data-testid=${el.getAttribute('data-testid')}`
        : `.${[...el.classList].join('.') || el.tagName.toLowerCase()}`;

  /** How far a box sticks out past `outer`, as words ("40 px below the viewport"), or null. */
  const outside = (inner: Box, outer: Box, what: string): string | null => {
    const parts: string[] = [];
    if (inner.bottom - outer.bottom > SLACK)
      parts.push(`${round(inner.bottom - outer.bottom)} px below ${what}`);
    if (outer.top - inner.top > SLACK) parts.push(`${round(outer.top - inner.top)} px above ${what}`);
    if (inner.right - outer.right > SLACK)
      parts.push(`${round(inner.right - outer.right)} px right of ${what}`);
    if (outer.left - inner.left > SLACK) parts.push(`${round(outer.left - inner.left)} px left of ${what}`);
    return parts.length > 0 ? parts.join(' and ') : null;
  };

  // A modal dialog takes the screen: what is under its backdrop is not a shopper's to touch.
  const modal = [...document.querySelectorAll('[aria-modal="true"]')].filter(shown).pop() ?? null;
  const inScope = (el: Element) =>
    modal === null || modal.contains(el) || el.closest('[data-testid="training-ribbon"]') !== null;

  // 1. The page itself must not scroll.
  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollHeight - vh > SLACK)
    problems.push(`the page scrolls: it is ${root.scrollHeight - vh} px taller than the screen`);
  if (root.scrollWidth - vw > SLACK)
    problems.push(`the page scrolls sideways: it is ${root.scrollWidth - vw} px wider than the screen`);

  const all = [...document.body.querySelectorAll('*')].filter(
    (el) => !(el.closest('svg') && el.tagName.toLowerCase() !== 'svg') && shown(el),
  );
  const reported = new Set<Element>();
  const reportedAbove = (el: Element) => {
    for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) return true;
    return false;
  };

  // 2. Nothing painted past the edge of the screen (the outermost culprit only).
  for (const el of all) {
    const painted = meet(box(el.getBoundingClientRect()), clipsOf(el).scroll);
    if (empty(painted)) continue;
    const off = outside(painted, viewport, 'the viewport');
    if (off && !reportedAbove(el)) {
      reported.add(el);
      problems.push(`${describe(el)} is ${off}`);
    }
  }

  // 3. Controls not cut by the box they sit in (a scrolling list may hide rows below its fold).
  const controls = all.filter((el) => isControl(el) && inScope(el));
  for (const el of controls) {
    const r = box(el.getBoundingClientRect());
    const { hard, hardBy } = clipsOf(el);
    const painted = meet(r, hard);
    if (empty(painted)) {
      problems.push(`${describe(el)} is hidden: ${name(hardBy)} cuts it off entirely`);
      continue;
    }
    const cut = outside(r, painted, name(hardBy));
    if (cut) problems.push(`${describe(el)} is cut off: ${cut}`);
  }

  // 4. Text not cut. Each character counts as shown when its middle is inside what clips it.
  const textEls = all.filter((el) => ownText(el) !== '' && inScope(el));
  for (const el of textEls) {
    const { hard } = clipsOf(el);
    const style = getComputedStyle(el);
    const own = box(el.getBoundingClientRect());
    const clipsSelf = style.overflowX !== 'visible' || style.overflowY !== 'visible';
    const limit = clipsSelf ? meet(hard, own) : hard;
    const nodes = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
    const range = document.createRange();
    let total = 0;
    let visible = 0;
    const quick = nodes.every((node) => {
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      return r.width === 0 || outside(box(r), limit, '') === null;
    });
    if (quick) continue;
    for (const node of nodes) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i]!)) continue;
        total++;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const c = range.getBoundingClientRect();
        const x = (c.left + c.right) / 2;
        const y = (c.top + c.bottom) / 2;
        if (x >= limit.left && x <= limit.right && y >= limit.top && y <= limit.bottom) visible++;
      }
    }
    if (visible >= total) continue;
    // An ellipsis takes the place of the last character or two that fit.
    const shownChars = Math.max(0, visible - 1);
    if (el.matches(opts.nameSelector) && shownChars >= Math.min(opts.minNameChars, total)) continue;
    const rule = el.matches(opts.nameSelector)
      ? ` (a product name must show at least ${opts.minNameChars} characters)`
      : '';
    problems.push(`${describe(el)} is cut: only ${shownChars} of its ${total} characters show${rule}`);
  }

  // A field's hint ("Barcode number") is text too: it must fit the field.
  const measure = document.createElement('canvas').getContext('2d')!;
  for (const el of controls) {
    const input = el as HTMLInputElement;
    if (el.tagName !== 'INPUT' || !input.placeholder || input.value !== '') continue;
    const style = getComputedStyle(el, '::placeholder');
    measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const need = measure.measureText(input.placeholder).width;
    const own = getComputedStyle(el);
    const room = input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
    if (need - room > SLACK)
      problems.push(
        `${describe(el)}: its hint “${input.placeholder}” is cut (${round(need)} px of text in ${round(room)} px)`,
      );
  }

  // 5. Controls and texts do not overlap (except one inside the other), and nothing covers a control.
  const textBox = (el: Element): Box | null => {
    const range = document.createRange();
    let union: Box | null = null;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue;
      range.selectNodeContents(node);
      const full = range.getBoundingClientRect();
      // The line box is taller than the letters (ascent, descent): two lines of large type set tight
      // touch boxes without their letters touching. Only the middle 70 % counts.
      const inset = full.height * 0.15;
      const r: Box = {
        left: full.left,
        top: full.top + inset,
        right: full.right,
        bottom: full.bottom - inset,
      };
      union = union
        ? {
            left: Math.min(union.left, r.left),
            top: Math.min(union.top, r.top),
            right: Math.max(union.right, r.right),
            bottom: Math.max(union.bottom, r.bottom),
          }
        : r;
    }
    return union;
  };
  const pieces = [
    ...controls.map((el) => ({ el, b: meet(box(el.getBoundingClientRect()), clipsOf(el).scroll) })),
    ...textEls
      .filter((el) => el.closest(CONTROL) === null)
      .map((el) => {
        // Text an element clips itself (a name cut after two lines) is only where the element is.
        const style = getComputedStyle(el);
        const own = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        const b = meet(textBox(el) ?? viewport, clipsOf(el).scroll);
        return { el, b: own ? meet(b, box(el.getBoundingClientRect())) : b };
      }),
  ].filter((p) => !empty(p.b));
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i]!;
      const b = pieces[j]!;
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const o = meet(a.b, b.b);
      if (o.right - o.left > 2 && o.bottom - o.top > 2)
        problems.push(
          `${describe(a.el)} overlaps ${describe(b.el)} by ${round(o.right - o.left)}×${round(o.bottom - o.top)} px`,
        );
    }
  }
  for (const { el, b } of pieces.filter((p) => isControl(p.el))) {
    const x = (b.left + b.right) / 2;
    const y = (b.top + b.bottom) / 2;
    if (x < 0 || y < 0 || x > vw || y > vh) continue;
    const hit = document.elementFromPoint(x, y);
    const label = el.closest('label');
    if (hit && !el.contains(hit) && !(label && label.contains(hit)) && !hit.contains(el))
      problems.push(`${describe(el)} is covered by ${describe(hit)}`);
  }

  // 6. What the shopper needs here: on the screen, whole (no scrolling), and big enough to touch.
  for (const testId of opts.needs) {
    const el = [...document.querySelectorAll(`[data-testid="${testId}"]`)].find(shown);
    if (!el) {
      problems.push(`the control data-testid=${testId} is not on the screen`);
      continue;
    }
    const r = box(el.getBoundingClientRect());
    const off = outside(r, viewport, 'the viewport');
    if (off) problems.push(`${describe(el)} is ${off}: a shopper cannot reach it without scrolling`);
    const { scroll, scrollBy } = clipsOf(el);
    const hidden = outside(r, meet(scroll, viewport), name(scrollBy));
    if (!off && hidden) problems.push(`${describe(el)} is ${hidden}: a shopper must scroll to find it`);
    const w = r.right - r.left;
    const h = r.bottom - r.top;
    if (w < opts.minTargetPx || h < opts.minTargetPx)
      problems.push(
        `${describe(el)} is ${round(w)}×${round(h)} px: too small to touch (a finger needs ${opts.minTargetPx}×${opts.minTargetPx})`,
      );
  }
  return { lang: document.documentElement.lang, problems: [...new Set(problems)] };
}
