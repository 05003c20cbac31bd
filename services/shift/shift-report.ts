// `openlane shift report`: the X report of the terminal's open shift, or one of its Z reports, read
// from DATA_DIR/openlane.db without starting the terminal (it may be running: reading is safe in WAL).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { shiftFigures } from '../../core/shift';
import { openDatabase } from '../../db/open';
import { shiftEventsOf } from '../../db/shift-events';
import { currentShift } from '../../db/shifts';
import { singleByteCells } from '../receipts/columns';
import { loadSettings } from '../settings';
import { reportText, type ReportSubject } from './report-layout';
import { shiftView } from './shift-service';
import { zReportByNumber } from './z-report';

/** Migration 16 created the shifts. */
const SHIFTS_SCHEMA = 16;

/** The report asked for; throws an Error a person reads when there is none. */
export function readShiftReport(dataDir: string, zNumber?: number): ReportSubject {
  const database = join(dataDir, 'openlane.db');
  if (!existsSync(database)) throw new Error(`There is no terminal store at ${database}`);
  const { terminalId } = loadSettings(dataDir);
  const db = openDatabase(database, { skipMigrations: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < SHIFTS_SCHEMA)
      throw new Error(`${database} is from before counter shifts (schema ${version}): it has no shift`);
    if (zNumber !== undefined) {
      const z = zReportByNumber(db, terminalId, zNumber);
      if (!z) throw new Error(`Terminal ${terminalId} has no Z report ${zNumber}`);
      return { kind: 'Z', z };
    }
    const shift = currentShift(db, terminalId);
    if (!shift) throw new Error(`Terminal ${terminalId} has no open shift; ask for a Z report with --z N`);
    const figures = shiftFigures(shiftEventsOf(db, shift));
    if (!figures.ok) throw new Error(figures.error.message);
    return { kind: 'X', shift: shiftView(shift), figures: figures.value, at: new Date().toISOString() };
  } finally {
    db.close();
  }
}

/** The report as a person reads it: the printed report's lines, 42 columns. */
export function shiftReportText(subject: ReportSubject, storeName: string): string {
  return reportText(subject, { columns: 42, cells: singleByteCells, storeName });
}
