// The purchase-order area: the list (with the CSV import), a new order, and one order's page.
//   #/purchase-orders · #/purchase-orders/new · #/purchase-orders/<store>/<number>
import '../stock/stock.css';
import './purchase-orders.css';
import { useRoute } from '../../app/route';
import { OrderList } from './OrderList';
import { NewOrder } from './NewOrder';
import { OrderPage } from './OrderPage';

export default function PurchaseOrders() {
  const { rest } = useRoute();
  if (rest[0] === 'new') return <NewOrder />;
  if (rest.length >= 2) return <OrderPage store={rest[0]!} number={rest[1]!} />;
  return <OrderList />;
}
