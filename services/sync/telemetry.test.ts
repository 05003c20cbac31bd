import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../db/outbox';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { HqError } from './hq-client';
import { reportAfterSync, reportTelemetry, telemetryReport } from './telemetry';

const temp = useTempDatabase();
const NOW = new Date('2026-12-07T12:00:00.000Z');

/** A client whose one request answers `status` with `body`, keeping what was sent. */
function answering(status: number, body: unknown) {
  const sent: { path: string; body: unknown }[] = [];
  return {
    sent,
    request: async (path: string, init: { body?: string }) => {
      sent.push({ path, body: JSON.parse(init.body ?? 'null') });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  };
}

describe("the terminal's report to HQ", () => {
  it('tells its version, its catalog and what waits in its outbox, and takes HQ’s skew', async () => {
    temp.db.transaction(() => {
      appendEvent(temp.db, 'sale.completed', {}, new Date('2026-12-07T11:20:00.000Z'));
      appendEvent(temp.db, 'basket.opened', {}, new Date('2026-12-07T11:30:00.000Z'));
    })();
    expect(telemetryReport(temp.db, NOW)).toEqual({
      sentAt: '2026-12-07T12:00:00.000Z',
      softwareVersion: '0.1.0',
      catalogVersion: 0,
      outbox: { pending: 2, pendingSales: 1, oldestOccurredAt: '2026-12-07T11:20:00.000Z' },
    });
    const hq = answering(200, { ok: true, receivedAt: NOW.toISOString(), clockSkewMs: -120_000 });
    expect(await reportTelemetry(temp.db, hq, NOW)).toBe(-120_000);
    expect(hq.sent[0]).toMatchObject({ path: '/v1/telemetry', body: { outbox: { pendingSales: 1 } } });
  });

  it('asks nothing more of an HQ older than the report, and names a refusal', async () => {
    expect(await reportTelemetry(temp.db, answering(404, { ok: false }), NOW)).toBeNull();
    const revoked = answering(403, { ok: false, error: { code: 'device_revoked', message: 'revoked' } });
    const error = await reportTelemetry(temp.db, revoked, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HqError);
    expect(error).toMatchObject({ kind: 'refused', code: 'device_revoked' });
    // After a sync that went through, a failed report is only a warning.
    expect(await reportAfterSync(temp.db, revoked, NOW)).toEqual({
      skewMs: null,
      warnings: ['HQ refused the device report: revoked'],
    });
  });
});
