// A simulator request's JSON body, read within a size limit and checked against its schema; on a bad
// one the client has already been told what was wrong (413, or 400 naming the field) and nothing else
// happens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssues } from '../../../core/result';
import { readBody, sendJson } from '../../web/http-util';

export const MAX_BODY_BYTES = 16 * 1024;

/** The validated body, or null once the refusal has been sent. */
export async function readValidJson<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const refuse = (status: number, code: string, message: string) => {
    sendJson(res, status, { error: { code, message } });
    return null;
  };
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body.ok) return refuse(413, 'body_too_large', `bodies are limited to ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return refuse(400, 'invalid_json', 'the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : refuse(400, 'invalid_input', describeIssues(parsed.error.issues));
}
