// settings.json's "lanes" block: the store key and where the lane link listens and calls. A store
// without a key has no link at all: nothing listens, and the kiosk's Help says no console answers.
import { z } from 'zod';
import { keyProblem } from './auth';

const laneAddress = z
  .url()
  .refine((url) => /^https?:\/\//.test(url), 'an http:// address such as http://10.0.0.11:8421');

export const laneLinkSettingsSchema = z
  .object({
    /**
     * The store key every terminal of the store shares (≥32 characters, e.g. `openssl rand -hex 32`);
     * null = no lane link. Requests between terminals are signed with it, it never travels.
     */
    key: z
      .string()
      .nullable()
      .refine((key) => key === null || keyProblem(key) === null, {
        error: (issue) => keyProblem(String(issue.input)) ?? 'not a usable store key',
      }),
    /** Where this terminal's link listens for the other terminals. */
    host: z.string().min(1),
    /** 0 picks a free port (tests). */
    port: z.number().int().min(0).max(65_535),
    /** A lane: the attendant console's link address, or null for a store without a console. */
    console: laneAddress.nullable(),
    /** The console: the store's lanes by terminal id, and their link addresses. */
    lanes: z.array(
      z
        .object({
          id: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'a terminal id: letters and digits, at most 8'),
          url: laneAddress,
        })
        .strict(),
    ),
    /** The console shows a lane offline after this long without a report (lanes report every second). */
    offlineSeconds: z.number().int().min(2).max(60),
  })
  .strict();

export type LaneLinkSettings = z.infer<typeof laneLinkSettingsSchema>;

export const DEFAULT_LANE_LINK: LaneLinkSettings = {
  key: null,
  host: '0.0.0.0',
  port: 8421,
  console: null,
  lanes: [],
  offlineSeconds: 3,
};
