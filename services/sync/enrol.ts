// Enrolling a terminal with HQ: the one-time code becomes a device id and secret, saved in
// DATA_DIR/hq.json (0600) with the server URL; the store key HQ hands out goes to DATA_DIR/hq-store.json.
// A terminal already enrolled is not enrolled again silently: that would make a second device at HQ and
// orphan the first.
import { enrolDevice, type HqClientOptions } from './hq-client';
import { loadCredentials, normaliseServerUrl, saveCredentials, type HqCredentials } from './credentials';
import { resetStoreLink } from './store-link';

export interface EnrolInput {
  dataDir: string;
  serverUrl: string;
  code: string;
  terminalName?: string;
  /** Replace an existing enrolment. */
  force?: boolean;
}

export async function enrolTerminal(
  input: EnrolInput,
  options: HqClientOptions = {},
): Promise<HqCredentials> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  const existing = loadCredentials(input.dataDir);
  if (existing && !input.force) {
    throw new Error(
      `this terminal is already enrolled with ${existing.serverUrl} (store ${existing.storeCode}, ` +
        `device ${existing.deviceId}); pass --force to enrol it again`,
    );
  }
  const enrolled = await enrolDevice(serverUrl, input.code.trim(), input.terminalName, options);
  const credentials: HqCredentials = {
    serverUrl,
    deviceId: enrolled.deviceId,
    secret: enrolled.secret,
    storeCode: enrolled.storeCode,
    enrolledAt: new Date().toISOString(),
  };
  saveCredentials(input.dataDir, credentials);
  // The store key came with the answer (from an HQ that has one): the lane link can start before any sync.
  resetStoreLink(input.dataDir, enrolled.storeCode, enrolled.storeKey);
  return credentials;
}
