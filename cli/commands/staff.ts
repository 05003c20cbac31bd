// `openlane staff add`: lets an attendant authorise overrides at the kiosk (mark a payment paid after
// seeing the shopper's phone). The PIN comes on stdin, so it is never in the shell history or `ps`.
import { isStaffRole, STAFF_ROLES } from '../../core/staff/roles';
import { addAttendant } from '../../services/staff/attendants';
import { loadSettings } from '../../services/settings';
import { resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane staff add --id ID --name NAME --badge CODE [--role ROLE] [--pin-stdin] [--data DIR]
       openlane staff list [--json] [--data DIR]

Adds a staff member to DATA_DIR/settings.json (its "attendants" list). The PIN (4–8 digits) is read from stdin — typed at the
prompt, or piped: echo 2468 | openlane staff add ... — and only its scrypt hash is stored.
  --id     the attendant's staff id, e.g. A01 (letters, digits, - or _)
  --name   how the kiosk greets them
  --badge  the whole code their staff badge scans as, e.g. STAFF-A01X (must match codePatterns.staff)
  --role   ${STAFF_ROLES.join(', ')} (default attendant: may mark paid, approve an age
           check and type a weight at the self-checkout lanes; a cashier may not). A cashier,
           supervisor or manager signs in at a counter; a supervisor or manager approves above a
           cashier's limits and takes over a locked counter
Refuses an id or badge already in use, and a PIN that is not 4 to 8 digits.
staff list prints each member's id, role, badge and name (never the PIN hash).`;

export async function staffCommand(
  args: string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(
    args,
    {
      id: { type: 'string' },
      name: { type: 'string' },
      badge: { type: 'string' },
      role: { type: 'string' },
      'pin-stdin': { type: 'boolean' },
      data: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (positionals.length === 1 && positionals[0] === 'list') return listStaff(values.data, values.json);
  if (positionals.length !== 1 || positionals[0] !== 'add') throw new UsageError(USAGE);
  if (!values.id || !values.name || !values.badge) throw new UsageError(USAGE);
  const role = values.role ?? 'attendant';
  // Checked before the PIN is asked for, so a mistyped role costs no typing.
  if (!isStaffRole(role))
    throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}, not "${role}"`);
  if ((stdin as { isTTY?: boolean }).isTTY) process.stderr.write('PIN (4–8 digits), then Enter: ');
  const pin = (await readFirstLine(stdin)).trim();
  const attendant = addAttendant(resolveDataDir(values.data), {
    id: values.id,
    name: values.name,
    badge: values.badge,
    pin,
    role,
  });
  console.log(
    `Added ${attendant.role} ${attendant.id} (${attendant.name}) with badge ${attendant.badge}. ` +
      'A terminal running on this data directory takes them at once; no restart is needed.',
  );
  return 0;
}

/** `staff list`: the staff of settings.json with their roles; a member written before roles is an attendant. */
function listStaff(data: string | undefined, json: boolean | undefined): number {
  const staff = loadSettings(resolveDataDir(data), {}).attendants.map(({ id, role, badge, name }) => ({
    id,
    role,
    badge,
    name,
  }));
  if (json) console.log(JSON.stringify(staff, null, 2));
  else if (staff.length === 0) console.log('No staff yet: add them with openlane staff add');
  else for (const m of staff) console.log(`${m.id}\t${m.role}\t${m.badge}\t${m.name}`);
  return 0;
}

/** The first line of a stream (the PIN), without waiting for more once it is there. */
async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const newline = text.indexOf('\n');
    if (newline >= 0) return text.slice(0, newline);
    if (text.length > 64) break;
  }
  return text;
}
