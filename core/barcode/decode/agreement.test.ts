import { describe, expect, it } from 'vitest';
import { createAgreementFilter } from './agreement';
import type { DecodedBarcode } from './types';

const ean = (text: string): DecodedBarcode => ({ text, format: 'EAN-13', symbologyIdentifier: ']E0' });
const qr = (text: string): DecodedBarcode => ({ text, format: 'QRCode', symbologyIdentifier: ']Q1' });

function clocked(options: Parameters<typeof createAgreementFilter>[0] = {}) {
  let time = 0;
  const filter = createAgreementFilter({ ...options, now: () => time });
  return { filter, at: (ms: number) => ((time = ms), filter) };
}

describe('createAgreementFilter', () => {
  it('accepts a 1D code only on the second agreeing frame', () => {
    const { at } = clocked({ required1D: 2, windowMs: 500 });
    expect(at(0).push([ean('4006381333931')])).toEqual([]);
    expect(at(33).push([ean('4006381333931')])).toEqual([ean('4006381333931')]);
  });

  it('never accepts a one-frame misread sitting between good reads of another code', () => {
    const { at } = clocked({ required1D: 2, windowMs: 500 });
    expect(at(0).push([ean('4006381333931')])).toEqual([]);
    expect(at(33).push([ean('4006381333937')])).toEqual([]); // the misread
    const third = at(66).push([ean('4006381333931')]);
    expect(third.map((b) => b.text)).toEqual(['4006381333931']);
    expect(at(99).push([ean('4006381333931')])).toEqual([]); // the same item, still in view
  });

  it('forgets reads older than the window', () => {
    const { at } = clocked({ required1D: 2, windowMs: 500 });
    at(0).push([ean('4006381333931')]);
    expect(at(600).push([ean('4006381333931')])).toEqual([]);
    expect(at(700).push([ean('4006381333931')])).toHaveLength(1);
  });

  it('counts one frame once, however many times it holds the code', () => {
    const { at } = clocked({ required1D: 2 });
    expect(at(0).push([ean('4006381333931'), ean('4006381333931')])).toEqual([]);
  });

  it('honours a stricter count', () => {
    const { at } = clocked({ required1D: 3, windowMs: 1000 });
    expect(at(0).push([ean('96385074')])).toEqual([]);
    expect(at(40).push([ean('96385074')])).toEqual([]);
    expect(at(80).push([ean('96385074')])).toHaveLength(1);
  });

  it('accepts a 2D code from a single frame', () => {
    const { at } = clocked({ required1D: 2 });
    expect(at(0).push([qr('https://id.example.com/01/09506000134352')])).toHaveLength(1);
    expect(at(0).push([{ text: '0109506000134352', format: 'DataMatrix' }])).toHaveLength(1);
  });

  it('accepts a second identical item only after the first left the view', () => {
    const { at } = clocked({ required1D: 2, windowMs: 300, holdMs: 300 });
    at(0).push([ean('4006381333931')]);
    expect(at(30).push([ean('4006381333931')])).toHaveLength(1);
    for (let t = 60; t <= 1000; t += 30) expect(at(t).push([ean('4006381333931')])).toEqual([]);
    at(1400).push([]); // gone from the camera
    expect(at(1430).push([ean('4006381333931')])).toEqual([]);
    expect(at(1460).push([ean('4006381333931')])).toHaveLength(1);
  });

  it('starts from nothing after reset', () => {
    const { filter, at } = clocked({ required1D: 2 });
    at(0).push([ean('4006381333931')]);
    filter.reset();
    expect(at(30).push([ean('4006381333931')])).toEqual([]);
  });
});
