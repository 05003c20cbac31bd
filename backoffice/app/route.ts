// Where the reader is: the part of the address after '#', as `/area/rest…`. A hash route needs nothing
// from HQ (it serves one page) and survives a reload.
import { useEffect, useState } from 'react';

export interface Route {
  area: string;
  /** What follows the area: `#/catalog/06901234567892` → ['06901234567892']. */
  rest: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const [area = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { area, rest, query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return parseRoute(hash);
}

/** The address of an area and what is inside it: `href('catalog', gtin)` → `#/catalog/069…`. */
export function href(area: string, ...rest: string[]): string {
  return `#/${[area, ...rest].map(encodeURIComponent).join('/')}`;
}

export function go(area: string, ...rest: string[]): void {
  location.hash = href(area, ...rest);
}
