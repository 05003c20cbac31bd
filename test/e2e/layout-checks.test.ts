// The layout checks themselves, in Chromium on small pages made to break one rule each: every rule
// fires, says what and where in a sentence, and a page that breaks none passes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../helpers/axe';
import { launchPage } from '../helpers/browser';
import { layoutProblems } from '../helpers/layout-checks';

const BASE = `<style>
  html, body { margin: 0; height: 100%; overflow: hidden; font: 22px sans-serif; }
  button { min-width: 64px; min-height: 64px; font: inherit; }
</style>`;

describe('layout checks', () => {
  let browser: Browser;
  let page: Page;
  const problemsOf = async (body: string, needs: string[] = []) => {
    await page.setContent(`<!doctype html><html lang="en"><head>${BASE}</head><body>${body}</body></html>`);
    return layoutProblems(page, { needs });
  };

  beforeAll(async () => {
    ({ browser, page } = await launchPage());
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('passes a calm page: whole text, controls apart, all on screen', async () => {
    const problems = await problemsOf(
      `<main><h1>Your basket</h1><p data-testid="line-name">Fresh Milk 1 L</p>
       <button data-testid="pay">Pay</button> <button data-testid="help">Help</button></main>`,
      ['pay', 'help'],
    );
    expect(problems).toEqual([]);
  });

  it('says how far a needed button is below the screen, at which size and language', async () => {
    const problems = await problemsOf(
      `<div style="height: 740px"></div><button data-testid="done-button">Done</button>`,
      ['done-button'],
    );
    expect(problems).toContain(
      '“Done” button (data-testid=done-button) is 36 px below the viewport: a shopper cannot reach it without scrolling at 1024×768 en',
    );
  });

  it('lets a product name be cut after wrapping only while enough of it shows', async () => {
    const name = (width: number) =>
      `<div data-testid="line-name" style="width: ${width}px; overflow: hidden; display: -webkit-box;
         -webkit-line-clamp: 2; -webkit-box-orient: vertical">Organic Free-Range Large Brown Eggs, Family Pack of 12</div>`;
    expect(await problemsOf(name(330))).toEqual([]);
    const cut = await problemsOf(name(60));
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatch(
      /^text “Organic Free-Range Large Brow…” \(data-testid=line-name\) is cut: only \d+ of its 46 characters show \(a product name must show at least 24 characters\)/,
    );
  });

  it('finds other text cut by an ellipsis, and a field hint that does not fit', async () => {
    const problems = await problemsOf(
      `<div class="brand" style="width: 90px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis">OpenLane Demo Market</div>
       <input data-testid="code" placeholder="Barcode number" style="width: 80px; font-size: 22px">`,
    );
    expect(
      problems.some((p) => /^text “OpenLane Demo Market” \(\.brand\) is cut: only \d+ of its 18/.test(p)),
    ).toBe(true);
    expect(
      problems.some((p) =>
        p.startsWith('“Barcode number” field (data-testid=code): its hint “Barcode number” is cut'),
      ),
    ).toBe(true);
  });

  it('finds controls on top of each other, and one covered by something else', async () => {
    const problems = await problemsOf(
      `<button data-testid="minus" style="position: absolute; left: 10px; top: 10px">−</button>
       <button data-testid="plus" style="position: absolute; left: 40px; top: 10px">+</button>
       <button data-testid="pay" style="position: absolute; left: 300px; top: 10px">Pay</button>
       <div class="sheet" style="position: absolute; left: 280px; top: 0; width: 200px; height: 200px; background: #eee">Busy</div>`,
    );
    expect(problems).toContain(
      '“−” button (data-testid=minus) overlaps “+” button (data-testid=plus) by 34×64 px at 1024×768 en',
    );
    expect(
      problems.some((p) => p.startsWith('“Pay” button (data-testid=pay) is covered by text “Busy” (.sheet)')),
    ).toBe(true);
  });

  it('lets a list hide rows below its fold, but not a card that scrolls', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<li><button>Remove ${i}</button></li>`).join('');
    expect(await problemsOf(`<ul style="height: 300px; overflow-y: auto; margin: 0">${rows}</ul>`)).toEqual(
      [],
    );
    const card = await problemsOf(
      `<div class="keypad-card" style="height: 100px; overflow-y: auto"><div style="height: 80px"></div>
       <button data-testid="keypad-submit">Add item</button></div>`,
      ['keypad-submit'],
    );
    expect(card).toContain(
      '“Add item” button (data-testid=keypad-submit) is cut off: 44 px below .keypad-card at 1024×768 en',
    );
  });

  it('finds a page that scrolls sideways and what sticks out', async () => {
    const problems = await problemsOf(`<div class="wide" style="width: 1100px; height: 20px"></div>`);
    expect(problems.some((p) => p.includes('(.wide) is 76 px right of the viewport'))).toBe(true);
  });

  it('finds a control too small for a finger', async () => {
    const problems = await problemsOf(
      `<button data-testid="tiny" style="min-width: 0; min-height: 0; width: 30px; height: 20px">x</button>`,
      ['tiny'],
    );
    expect(problems).toContain(
      '“x” button (data-testid=tiny) is 30×20 px: too small to touch (a finger needs 44×44) at 1024×768 en',
    );
  });

  it('measures a radio by its label, which a finger touches; a bare radio is too small', async () => {
    const radio = `<input type="radio" name="d" style="width: 24px; height: 24px; margin: 0"`;
    const labelled = await problemsOf(
      `<label style="display: flex; padding: 20px; gap: 12px">${radio} data-testid="approve">Approve</label>`,
      ['approve'],
    );
    expect(labelled).toEqual([]);
    const bare = await problemsOf(`${radio} aria-label="Approve" data-testid="approve">`, ['approve']);
    expect(bare.some((p) => p.includes('is 24×24 px: too small to touch'))).toBe(true);
  });

  it('axe reports a serious violation by rule, meaning and element', async () => {
    await page.setContent(`<!doctype html><html lang="en"><head>${BASE}</head>
      <body><main><button data-testid="nameless"><svg width="20" height="20"></svg></button></main></body></html>`);
    const problems = await axeProblems(page, 'test page');
    expect(
      problems.some((p) =>
        p.startsWith('test page: critical button-name — Buttons must have discernible text'),
      ),
    ).toBe(true);
  });
});
