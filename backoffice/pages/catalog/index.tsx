// The catalog area: #/catalog (search as you type), #/catalog/import (CSV import with progress),
// #/catalog/restrictions (the chain's department rules), #/catalog/<gtin> (a product's page).
import { useRoute } from '../../app/route';
import { DepartmentRules } from './DepartmentRules';
import { ImportPage } from './ImportPage';
import { ProductPage } from './ProductPage';
import { SearchPage } from './SearchPage';
import './catalog.css';

export default function Catalog() {
  const { rest } = useRoute();
  const [first] = rest;
  if (first === 'restrictions') return <DepartmentRules />;
  if (first === 'import') return <ImportPage />;
  if (first) return <ProductPage key={first} gtin={first} />;
  return <SearchPage />;
}
