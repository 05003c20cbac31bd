import { describe, expect, it } from 'vitest';
import { jsonErrorLocation } from './json-location';

describe('jsonErrorLocation', () => {
  it('finds nothing wrong in what JSON.parse accepts', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null] ', '{"a": {"b": []}}', '0'])
      expect(jsonErrorLocation(text), text).toBeNull();
  });

  it('names the line and column of the first error, as an editor counts them', () => {
    expect(jsonErrorLocation('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1 });
    expect(jsonErrorLocation('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3 });
    expect(jsonErrorLocation("{ 'a': 1 }")).toEqual({ line: 1, column: 3 });
    expect(jsonErrorLocation('{"a": 01}')).toEqual({ line: 1, column: 8 });
    expect(jsonErrorLocation('{"a": tru}')).toEqual({ line: 1, column: 10 });
    expect(jsonErrorLocation('{"a": 1} x')).toEqual({ line: 1, column: 10 });
  });

  it('puts an unfinished text at its end', () => {
    expect(jsonErrorLocation('{\n  "a": ')).toEqual({ line: 2, column: 8 });
    expect(jsonErrorLocation('"abc')).toEqual({ line: 1, column: 5 });
  });
});
