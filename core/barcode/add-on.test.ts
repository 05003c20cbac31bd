import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretBookAddOn, splitAddOn } from './add-on';
import { withCheckDigit } from './gtin';

describe('splitting EAN/UPC add-ons', () => {
  it('splits a periodical with a 2-digit issue add-on glued on', () => {
    expect(splitAddOn('977123456700308')).toEqual({ ok: true, main: '9771234567003', addOn: '08' });
  });

  it('splits a book with its 5-digit price add-on (ZXing upcean-extension fixtures)', () => {
    // ZXing's black-box images: 9780735200449 priced $12.99, 9780884271789 priced $24.95.
    expect(splitAddOn('978073520044951299', ']E3')).toEqual({
      ok: true,
      main: '9780735200449',
      addOn: '51299',
    });
    expect(splitAddOn('978088427178952495')).toEqual({ ok: true, main: '9780884271789', addOn: '52495' });
    expect(splitAddOn('978020137962451095')).toEqual({ ok: true, main: '9780201379624', addOn: '51095' });
  });

  it('reads the UPC-A and UPC-E forms only when the scanner says ]E3', () => {
    expect(splitAddOn('03600029145208', ']E3')).toEqual({ ok: true, main: '036000291452', addOn: '08' });
    expect(splitAddOn('03600029145212345', ']E3')).toEqual({
      ok: true,
      main: '036000291452',
      addOn: '12345',
    });
    expect(splitAddOn('0123456508', ']E3')).toEqual({ ok: true, main: '01234565', addOn: '08' });
    expect(splitAddOn('012345651234', ']E3')).toMatchObject({ ok: false, reason: 'ambiguous_length' });
    // Without ]E3, 14 digits is a GTIN-14 (ITF-14 on a case), and 17 digits has no safe reading.
    expect(splitAddOn('03600029145208')).toEqual({ ok: true, main: '03600029145208', addOn: null });
    expect(splitAddOn('10012345678902')).toEqual({ ok: true, main: '10012345678902', addOn: null });
    expect(splitAddOn('03600029145212345')).toMatchObject({ ok: false, reason: 'ambiguous_length' });
  });

  it('joins an add-on sent as a second ]E1/]E2 packet', () => {
    expect(splitAddOn('0060992011187]E112', ']E0')).toEqual({ ok: true, main: '0060992011187', addOn: '12' });
    expect(splitAddOn('00210126]E212345', ']E4')).toEqual({ ok: true, main: '00210126', addOn: '12345' });
    expect(splitAddOn('0060992011187]E2123', ']E0')).toMatchObject({ ok: false, reason: 'bad_add_on' });
  });

  it('passes codes without an add-on through whole', () => {
    expect(splitAddOn('4006381333931', ']E0')).toEqual({ ok: true, main: '4006381333931', addOn: null });
    expect(splitAddOn('96385074', ']E4')).toEqual({ ok: true, main: '96385074', addOn: null });
    expect(splitAddOn('4006381333931')).toEqual({ ok: true, main: '4006381333931', addOn: null });
    expect(splitAddOn('https://x.example/123456789012345', ']Q1')).toMatchObject({ ok: true, addOn: null });
  });

  it('refuses what it cannot split, saying why', () => {
    expect(splitAddOn('978020137962951095')).toEqual({
      ok: false,
      reason: 'bad_main_check_digit',
      message:
        '"978020137962951095" (no AIM id) would split as main "9780201379629" + add-on "51095", but "9780201379629" does not check',
    });
    expect(splitAddOn('08', ']E1')).toEqual({
      ok: false,
      reason: 'add_on_alone',
      message: 'the scanner sent the 2-digit add-on "08" (]E1) without its main code',
    });
    expect(splitAddOn('12345', ']E2')).toMatchObject({ ok: false, reason: 'add_on_alone' });
    expect(splitAddOn('97712345670-08')).toMatchObject({ ok: false, reason: 'not_digits' });
    expect(splitAddOn('1234567890')).toMatchObject({ ok: false, reason: 'ambiguous_length' });
  });

  it('splits back what was joined, and never throws', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^(\d{2}|\d{5})$/), (body, addOn) => {
        const main = withCheckDigit(body);
        expect(splitAddOn(main + addOn, ']E3')).toEqual({ ok: true, main, addOn });
        expect(splitAddOn(main + addOn)).toEqual({ ok: true, main, addOn });
      }),
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.constantFrom(']E0', ']E1', ']E2', ']E3', ']E4', ']C0')),
        (data, aim) => {
          const result = splitAddOn(data, aim ?? undefined);
          if (result.ok)
            expect([data, data.replace(/\]E[12]/, '')]).toContain(result.main + (result.addOn ?? ''));
          else expect(result.message.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('book price add-ons', () => {
  it('reads the suggested price for information', () => {
    expect(interpretBookAddOn('9780735200449', '51299')).toEqual({
      kind: 'price',
      currency: 'USD',
      minor: 1299,
      orMore: false,
    });
    expect(interpretBookAddOn('9780201379624', '59999')).toMatchObject({ currency: 'USD', orMore: true });
    expect(interpretBookAddOn('9780201379624', '00799')).toMatchObject({ currency: 'GBP', minor: 799 });
    expect(interpretBookAddOn('9780201379624', '62495')).toMatchObject({ currency: 'CAD', minor: 2495 });
    expect(interpretBookAddOn('9780201379624', '90000')).toEqual({ kind: 'no_price' });
    expect(interpretBookAddOn('9780201379624', '90123')).toEqual({ kind: 'internal', code: '90123' });
    expect(interpretBookAddOn('9780201379624', '99990')).toEqual({ kind: 'other', code: '99990' });
  });

  it('says nothing about add-ons that are not on books', () => {
    expect(interpretBookAddOn('9771234567003', '51299')).toBeNull();
    expect(interpretBookAddOn('9780735200449', '08')).toBeNull();
  });
});
