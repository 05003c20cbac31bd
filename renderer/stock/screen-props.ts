// What every stock task screen is given.
import type { TerminalClient } from '../../services/api/contract';
import type { StockScans } from './useStockScans';

export interface StockScreenProps {
  client: TerminalClient;
  scans: StockScans;
  /** A handheld's own device name (device-id.ts), sent with count lines and adjustments; absent on the terminal's own screen. */
  device?: string;
}
