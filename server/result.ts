// Expected failures are values: a code for programs, a sentence for people, and the HTTP status.

export interface Failure {
  ok: false;
  status: number;
  error: { code: string; message: string };
}

export type Result<T> = ({ ok: true } & T) | Failure;

export function fail(status: number, code: string, message: string): Failure {
  return { ok: false, status, error: { code, message } };
}
