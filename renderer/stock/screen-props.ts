// What every stock task screen is given.
import type { TerminalClient } from '../../services/api/contract';
import type { StockScans } from './useStockScans';

export interface StockScreenProps {
  client: TerminalClient;
  scans: StockScans;
}
