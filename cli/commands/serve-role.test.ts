// `openlane serve --role`: refused before anything starts when it names no role, and documented.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from './args';
import { serveCommand } from './serve';

describe('openlane serve --role', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a role that does not exist, naming the two there are', async () => {
    await expect(serveCommand(['--role', 'till', '--port', '0'])).rejects.toThrow(UsageError);
    await expect(serveCommand(['--role', 'till'])).rejects.toThrow(
      /--role must be kiosk, counter, attendant or stock, not "till"/,
    );
  });

  it('is in the help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await serveCommand(['--help'])).toBe(0);
    expect(log.mock.calls.join('\n')).toMatch(/--role ROLE +kiosk .*counter .*attendant .*or stock/s);
  });
});
