// Where a JSON text first goes wrong, as a line and column a person can find in an editor. Node 20's
// JSON.parse often names no position at all ("Unexpected token '}', … is not valid JSON").

export interface JsonLocation {
  line: number;
  column: number;
}

/** The line and column (both from 1) of the first error in `text`, or null when it is valid JSON. */
export function jsonErrorLocation(text: string): JsonLocation | null {
  const offset = firstErrorOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

class Stop {
  constructor(readonly at: number) {}
}

function firstErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const char of word)
      if (text[i] === char) i++;
      else fail();
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const char = text[i]!;
      if (char === '"') return void i++;
      if (char < ' ') fail();
      if (char === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++)
            if (/[0-9a-fA-F]/.test(text[i] ?? '')) i++;
            else fail();
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{')
      return members('}', () => {
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    if (char === '[') return members(']', value);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    number();
  };
  const members = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      space();
      item();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail();
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}
