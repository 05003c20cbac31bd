import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; cross-layer, integration and end-to-end tests live in test/.
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // A poll waits for something a user would see; on a loaded CI machine that can take more than
    // vitest's default second. A poll that passes returns as soon as it does, so a long ceiling costs
    // nothing but the time a real failure takes to report.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // Vitest's default on a 2-core machine is one worker (cores − 1): the unit files ran one by one.
          maxWorkers: 2,
          include: [
            '{core,db,native,services,electron,renderer,backoffice,server,cli,scripts}/**/*.test.{ts,tsx}',
          ],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          // These mostly wait (PostgreSQL starting, servers answering, ptys): two at once use the machine.
          maxWorkers: 2,
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // Last, alone: Chromium and the servers it drives want the machine to themselves.
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file drives its own server and Chromium; two at once is what 2 cores bear.
          maxWorkers: 2,
        },
      },
    ],
  },
});
