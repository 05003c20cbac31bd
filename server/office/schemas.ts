// The shapes the users' routes accept and answer with, shared by the routes and their OpenAPI docs.
import { z } from 'zod';
import { AUDIT_CURSOR } from './audit-log';
import { STORE_CODE } from '../auth/enrolment';
import { ROLES } from './access';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords';

export const loginName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "must be 2 to 64 letters, digits, '.', '_' or '-'");
export const displayName = z
  .string()
  .trim()
  .regex(/^[^\p{Cc}]{1,100}$/u, 'must be 1 to 100 characters without control characters');
export const newPassword = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
export const role = z.enum(ROLES);
export const storeList = z
  .array(z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'"))
  .max(500);

export const signInBody = z.strictObject({
  name: z.string().trim().toLowerCase().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(PASSWORD_MAX),
});
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(PASSWORD_MAX),
  newPassword,
});
export const firstAdminBody = z.strictObject({ name: loginName, displayName, password: newPassword });
export const userCreateBody = z.strictObject({
  name: loginName,
  displayName,
  role,
  stores: storeList.optional(),
  password: newPassword,
});
export const userChangeBody = z.strictObject({
  displayName: displayName.optional(),
  role: role.optional(),
  stores: storeList.optional(),
  disabled: z.boolean().optional(),
});
export const passwordResetBody = z.strictObject({ password: newPassword });
export const userParams = z.strictObject({ id: z.uuid('must be a user id') });

export const actorReply = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  role,
  stores: z.union([z.literal('all'), z.array(z.string())]),
  kind: z.enum(['user', 'token']),
});
export const sessionReply = z.object({
  ok: z.literal(true),
  actor: actorReply,
  /** Send it as X-CSRF-Token with every change; null for the admin token, which needs none. */
  csrfToken: z.string().nullable(),
});
export const userView = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role,
  stores: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActiveAt: z.string().nullable(),
});

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 time like 2026-05-01T00:00:00Z',
});
const auditCursor = z.string().regex(AUDIT_CURSOR, 'must be a cursor from an earlier page of the audit log');
export const auditQuery = z
  .strictObject({
    action: z.string().max(64).optional(),
    targetType: z.string().max(64).optional(),
    targetId: z.string().max(200).optional(),
    actor: z.string().max(100).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 1000')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')
      .optional(),
    older: auditCursor.optional(),
    newer: auditCursor.optional(),
  })
  .refine((q) => q.older === undefined || q.newer === undefined, {
    message: 'give older or newer, not both',
    path: ['newer'],
  });
