import { describe, expect, it } from 'vitest';
import { describeIssues, fail, invalid, issueDetails } from './result';

const issues = [
  { path: ['lines', 0, 'gtin'], message: 'barcode has a wrong check digit', code: 'custom' },
  { path: [], message: 'Unrecognized key: "note"', code: 'unrecognized_keys' },
];

describe('the one failure shape', () => {
  it('carries details only when there are some', () => {
    expect(fail('basket_empty', 'the basket is empty')).toEqual({
      ok: false,
      error: { code: 'basket_empty', message: 'the basket is empty' },
    });
    expect(fail('x', 'y', { line: 2 }).error.details).toEqual({ line: 2 });
  });

  it('names each bad field in one sentence, under a prefix, and the whole value by its name', () => {
    expect(describeIssues(issues)).toBe(
      'lines.0.gtin: barcode has a wrong check digit; Unrecognized key: "note"',
    );
    expect(describeIssues(issues, { prefix: 'payload', whole: 'input' })).toBe(
      'payload.lines.0.gtin: barcode has a wrong check digit; payload: Unrecognized key: "note"',
    );
    expect(describeIssues(issues, { whole: 'input' })).toMatch(/; input: Unrecognized key/);
  });

  it('names at most five problems and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ path: [`f${i}`], message: 'is missing' }));
    const text = describeIssues(many);
    expect(text).toMatch(/^f0: is missing; .*f4: is missing; and 3 more$/);
    expect(text).not.toMatch(/f5/);
  });

  it('puts the structured issues in details beside the sentence', () => {
    expect(invalid('invalid_input', 'basket.addScan', issues)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'basket.addScan: lines.0.gtin: barcode has a wrong check digit; Unrecognized key: "note"',
        details: issueDetails(issues),
      },
    });
    expect(issueDetails(issues, 'payload')).toEqual([
      { path: 'payload.lines.0.gtin', message: 'barcode has a wrong check digit', code: 'custom' },
      { path: 'payload', message: 'Unrecognized key: "note"', code: 'unrecognized_keys' },
    ]);
  });
});
