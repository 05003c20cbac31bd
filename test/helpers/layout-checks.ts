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
import { installKit, type Box, type Kit } from './layout-kit';

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
  await installKit(page, [installPageChecks, installTextChecks, installOverlapChecks, installRun]);
  const found = await page.evaluate(
    (opts) => (window as unknown as { __layoutKit: Checks }).__layoutKit.run(opts),
    {
      needs: [...(options.needs ?? [])],
      nameSelector: options.nameSelector ?? '[data-testid="line-name"]',
      minNameChars: MIN_NAME_CHARS,
      minTargetPx: MIN_TARGET_PX,
    },
  );
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

/** One run of the checks: what they look at, and where they write. */
interface Run {
  opts: InPageOptions;
  problems: string[];
  viewport: Box;
  /** Every element shown (not the insides of an svg). */
  all: Element[];
  /** The controls and the elements with text of their own that a user can reach now (not under a modal). */
  controls: Element[];
  texts: Element[];
}

interface Checks extends Kit {
  checkPage(run: Run): void;
  checkControls(run: Run): void;
  countShown(el: Element, limit: Box): { total: number; visible: number };
  checkTexts(run: Run): void;
  checkHints(run: Run): void;
  textBox(el: Element): Box | null;
  checkOverlaps(run: Run): void;
  checkNeeds(run: Run): void;
  run(opts: InPageOptions): { lang: string; problems: string[] };
}

// Each installer below runs in the browser: see layout-kit.ts.

function installPageChecks(): void {
  const kit = (window as unknown as { __layoutKit: Checks }).__layoutKit;
  /** The page itself does not scroll, and nothing is painted past the edge (the outermost culprit only). */
  kit.checkPage = ({ problems, viewport, all }) => {
    const root = document.scrollingElement ?? document.documentElement;
    const taller = root.scrollHeight - viewport.bottom;
    const wider = root.scrollWidth - viewport.right;
    if (taller > kit.SLACK) problems.push(`the page scrolls: it is ${taller} px taller than the screen`);
    if (wider > kit.SLACK)
      problems.push(`the page scrolls sideways: it is ${wider} px wider than the screen`);
    const reported = new Set<Element>();
    const reportedAbove = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) return true;
      return false;
    };
    for (const el of all) {
      const painted = kit.meet(kit.box(el.getBoundingClientRect()), kit.clipsOf(el).scroll);
      if (kit.empty(painted)) continue;
      const off = kit.outside(painted, viewport, 'the viewport');
      if (off && !reportedAbove(el)) {
        reported.add(el);
        problems.push(`${kit.describe(el)} is ${off}`);
      }
    }
  };
  /** Controls are not cut by the box they sit in (a scrolling list may hide rows below its fold). */
  kit.checkControls = ({ problems, controls }) => {
    for (const el of controls) {
      const r = kit.box(el.getBoundingClientRect());
      const { hard, hardBy } = kit.clipsOf(el);
      const painted = kit.meet(r, hard);
      if (kit.empty(painted)) {
        problems.push(`${kit.describe(el)} is hidden: ${kit.clipName(hardBy)} cuts it off entirely`);
        continue;
      }
      const cut = kit.outside(r, painted, kit.clipName(hardBy));
      if (cut) problems.push(`${kit.describe(el)} is cut off: ${cut}`);
    }
  };
}

function installTextChecks(): void {
  const kit = (window as unknown as { __layoutKit: Checks }).__layoutKit;
  /** The element's own letters, and how many have their middle inside `limit`. */
  kit.countShown = (el, limit) => {
    const range = document.createRange();
    let total = 0;
    let visible = 0;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
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
    return { total, visible };
  };
  /** No text is cut; a product name may be, after wrapping, while enough of it shows. */
  kit.checkTexts = ({ problems, texts, opts }) => {
    for (const el of texts) {
      const style = getComputedStyle(el);
      const clipsSelf = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      const hard = kit.clipsOf(el).hard;
      const limit = clipsSelf ? kit.meet(hard, kit.box(el.getBoundingClientRect())) : hard;
      const range = document.createRange();
      range.selectNodeContents(el);
      if (kit.outside(kit.box(range.getBoundingClientRect()), limit, '') === null) continue;
      const { total, visible } = kit.countShown(el, limit);
      if (visible >= total) continue;
      // An ellipsis takes the place of the last character or two that fit.
      const shownChars = Math.max(0, visible - 1);
      const isName = el.matches(opts.nameSelector);
      if (isName && shownChars >= Math.min(opts.minNameChars, total)) continue;
      const rule = isName ? ` (a product name must show at least ${opts.minNameChars} characters)` : '';
      problems.push(`${kit.describe(el)} is cut: only ${shownChars} of its ${total} characters show${rule}`);
    }
  };
  /** A field's hint ("Barcode number") is text too: it must fit the field. */
  kit.checkHints = ({ problems, controls }) => {
    const measure = document.createElement('canvas').getContext('2d')!;
    for (const el of controls) {
      const input = el as HTMLInputElement;
      if (el.tagName !== 'INPUT' || !input.placeholder || input.value !== '') continue;
      const hint = getComputedStyle(el, '::placeholder');
      measure.font = `${hint.fontStyle} ${hint.fontWeight} ${hint.fontSize} ${hint.fontFamily}`;
      const need = Math.round(measure.measureText(input.placeholder).width);
      const own = getComputedStyle(el);
      const room = Math.round(input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight));
      if (need - room > kit.SLACK)
        problems.push(
          `${kit.describe(el)}: its hint “${input.placeholder}” is cut (${need} px of text in ${room} px)`,
        );
    }
  };
}

function installOverlapChecks(): void {
  const kit = (window as unknown as { __layoutKit: Checks }).__layoutKit;
  /**
   * Where an element's own text is. The line box is taller than the letters (ascent, descent): two
   * lines of large type set tight touch boxes without their letters touching, so only the middle 70 %
   * counts.
   */
  kit.textBox = (el) => {
    const range = document.createRange();
    let union: Box | null = null;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue;
      range.selectNodeContents(node);
      const full = range.getBoundingClientRect();
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
  /** Controls and texts do not overlap (except one inside the other), and nothing covers a control. */
  kit.checkOverlaps = ({ problems, controls, texts, viewport }) => {
    const ownBox = (el: Element) => {
      // Text an element clips itself (a name cut after two lines) is only where the element is.
      const style = getComputedStyle(el);
      const b = kit.meet(kit.textBox(el) ?? viewport, kit.clipsOf(el).scroll);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      return clips ? kit.meet(b, kit.box(el.getBoundingClientRect())) : b;
    };
    const pieces = [
      ...controls.map((el) => ({
        el,
        b: kit.meet(kit.box(el.getBoundingClientRect()), kit.clipsOf(el).scroll),
      })),
      ...texts.filter((el) => el.closest(kit.CONTROL) === null).map((el) => ({ el, b: ownBox(el) })),
    ].filter((p) => !kit.empty(p.b));
    for (const [i, a] of pieces.entries())
      for (const b of pieces.slice(i + 1)) {
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const o = kit.meet(a.b, b.b);
        const [w, h] = [Math.round(o.right - o.left), Math.round(o.bottom - o.top)];
        if (w > 2 && h > 2)
          problems.push(`${kit.describe(a.el)} overlaps ${kit.describe(b.el)} by ${w}×${h} px`);
      }
    for (const { el, b } of pieces.filter((p) => kit.isControl(p.el))) {
      const [x, y] = [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
      if (x < 0 || y < 0 || x > viewport.right || y > viewport.bottom) continue;
      const hit = document.elementFromPoint(x, y);
      const label = el.closest('label');
      if (hit && !el.contains(hit) && !label?.contains(hit) && !hit.contains(el))
        problems.push(`${kit.describe(el)} is covered by ${kit.describe(hit)}`);
    }
  };
}

function installRun(): void {
  const kit = (window as unknown as { __layoutKit: Checks }).__layoutKit;
  /** What the user needs here: on the screen, whole (no scrolling), and big enough to touch. */
  kit.checkNeeds = ({ problems, viewport, opts }) => {
    for (const testId of opts.needs) {
      const el = [...document.querySelectorAll(`[data-testid="${testId}"]`)].find(kit.shown);
      if (!el) {
        problems.push(`the control data-testid=${testId} is not on the screen`);
        continue;
      }
      const r = kit.box(el.getBoundingClientRect());
      const off = kit.outside(r, viewport, 'the viewport');
      if (off) problems.push(`${kit.describe(el)} is ${off}: a shopper cannot reach it without scrolling`);
      const { scroll, scrollBy, hardBy } = kit.clipsOf(el);
      const hidden = kit.outside(r, kit.meet(scroll, viewport), kit.clipName(scrollBy ?? hardBy));
      if (!off && hidden) problems.push(`${kit.describe(el)} is ${hidden}: a shopper must scroll to find it`);
      // A radio or checkbox is touched through its label (a touch anywhere on it checks the input).
      const label = el instanceof HTMLInputElement ? el.labels?.[0] : undefined;
      const t = label ? kit.box(label.getBoundingClientRect()) : r;
      const [w, h, min] = [Math.round(t.right - t.left), Math.round(t.bottom - t.top), opts.minTargetPx];
      if (w < min || h < min)
        problems.push(
          `${kit.describe(el)} is ${w}×${h} px: too small to touch (a finger needs ${min}×${min})`,
        );
    }
  };
  kit.run = (opts) => {
    const html = document.documentElement;
    const all = [...document.body.querySelectorAll('*')].filter(
      (el) => !(el.closest('svg') && el.tagName.toLowerCase() !== 'svg') && kit.shown(el),
    );
    // A modal dialog takes the screen: what is under its backdrop is not a user's to touch.
    const modal = [...document.querySelectorAll('[aria-modal="true"]')].filter(kit.shown).pop() ?? null;
    const reachable = (el: Element) =>
      modal === null || modal.contains(el) || el.closest('[data-testid="training-ribbon"]') !== null;
    const run: Run = {
      opts,
      problems: [],
      viewport: { left: 0, top: 0, right: html.clientWidth, bottom: html.clientHeight },
      all,
      controls: all.filter((el) => kit.isControl(el) && reachable(el)),
      texts: all.filter((el) => kit.ownText(el) !== '' && reachable(el)),
    };
    for (const check of [kit.checkPage, kit.checkControls, kit.checkTexts, kit.checkHints, kit.checkOverlaps])
      check(run);
    kit.checkNeeds(run);
    return { lang: html.lang, problems: [...new Set(run.problems)] };
  };
}
