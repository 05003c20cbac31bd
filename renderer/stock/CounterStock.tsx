// A counter switched to stock work: the stock screens under the stock header, with the way back to
// selling (the sale the counter left waits as it was). Same staff member, same language as the till.
import type { ReactElement } from 'react';
import type { StaffView, TerminalClient } from '../../services/api/contract';
import type { SessionHeaderProps } from '../common/useSession';
import { StockHeader } from './StockHeader';
import { StockWork } from './StockWork';
import './stock.css';

export interface CounterStockProps {
  client: TerminalClient;
  header: SessionHeaderProps;
  terminalId: string;
  staff: StaffView | null;
  onBackToSelling(): void;
  onSignOut(): void;
}

export function CounterStock(props: CounterStockProps): ReactElement {
  const header = (
    <StockHeader
      {...props.header}
      terminalId={props.terminalId}
      staff={props.staff}
      onBackToSelling={props.onBackToSelling}
      onSignOut={props.onSignOut}
    />
  );
  return (
    <div className="stock" data-role="stock">
      <StockWork client={props.client} header={header} serial />
    </div>
  );
}
