import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/postgres';
import type { HqRefundDesk } from '../refund/hq-desk';
import type { HqCredentials } from './credentials';
import { refundDeskFollower } from './refund-desk-follower';

const enrolment = (serverUrl: string): HqCredentials => ({
  serverUrl,
  deviceId: '0193b2c4-0000-7000-8000-000000000001',
  secret: 'secret',
  storeCode: 'S001',
  enrolledAt: '2026-12-07T00:00:00.000Z',
});

describe('the refund desk following the enrolment', () => {
  it('is null until enrolled, the enrolment’s desk while enrolled, and replaced by a new enrolment', async () => {
    const follower = refundDeskFollower();
    const holder: { current: HqRefundDesk | null } = { current: null };
    follower.serve(holder);
    expect(holder.current).toBeNull();

    const first = `http://127.0.0.1:${await freePort()}`;
    follower.enrolled(enrolment(first));
    const desk = holder.current;
    // A real desk over those credentials: nothing listens there, so HQ is unreachable, and it says where.
    expect(await desk!.findSale('S001-C01-000001')).toMatchObject({
      reachable: false,
      why: expect.stringContaining(`HQ at ${first} cannot be reached`),
    });

    follower.left();
    expect(holder.current).toBeNull();
    const second = `http://127.0.0.1:${await freePort()}`;
    follower.enrolled(enrolment(second));
    expect(holder.current).not.toBe(desk);
    expect(await holder.current!.searchSales({ amount: 1 })).toMatchObject({
      why: expect.stringContaining(`HQ at ${second}`),
    });
  });

  it('hands a holder served after the enrolment the desk already made', async () => {
    const follower = refundDeskFollower();
    const url = `http://127.0.0.1:${await freePort()}`;
    follower.enrolled(enrolment(url));
    const holder: { current: HqRefundDesk | null } = { current: null };
    follower.serve(holder);
    expect(await holder.current!.findSale('S001-C01-000001')).toMatchObject({
      why: expect.stringContaining(`HQ at ${url}`),
    });
  });
});
