// Stores & devices: the chain's stores at a glance (#/stores), a store's devices and enrolment codes
// (#/stores/S001).
import { useRoute } from '../../app/route';
import { StorePage } from './StorePage';
import { StoresList } from './StoresList';
import './stores.css';

export default function Stores() {
  const route = useRoute();
  const code = route.rest[0];
  return code ? <StorePage code={code} /> : <StoresList />;
}
