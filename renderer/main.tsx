// Renderer entry: one TerminalClient for the window, and the UI of the terminal's role (the
// settings say which; `openlane serve --role` overrides them for a run).
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { TerminalClient, TerminalRole } from '../services/api/contract';
import { AttendantApp } from './attendant/AttendantApp';
import { LoadingScreen } from './common/LoadingScreen';
import { CounterApp } from './counter/CounterApp';
import { DisplayApp } from './display/DisplayApp';
import { KioskApp } from './kiosk/KioskApp';
import { NoStockWork, StockApp } from './stock/StockApp';
import { createDisplayClient, createTerminalClient } from './transport';
import './styles.css';
// After styles.css, so the kiosk's responsive layout wins where the two meet.
import './kiosk/responsive.css';

const SETTINGS_RETRY_MS = 2000;

/** The role from the backend's settings; null until it answers (it may still be starting). */
function useRole(client: TerminalClient): TerminalRole | null {
  const [role, setRole] = useState<TerminalRole | null>(null);
  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await client.call('settings.get', {});
      if (cancelled) return;
      // A backend older than roles has no `role`: it is a kiosk.
      if (result.ok) setRole(result.value.role ?? 'kiosk');
      else retry = setTimeout(() => void load(), SETTINGS_RETRY_MS);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [client]);
  return role;
}

/** A handheld's stock screen (/stock), served by a counter or stock terminal (services/web/stock-page.ts). */
const isHandheldStock = window.location.pathname === '/stock';
/**
 * The terminal's own screen (Electron's window, or a browser on the terminal itself) takes its serial
 * scanner's scans; a page opened from another machine (a handheld, paired) never does.
 */
const onTheTerminal =
  window.location.protocol === 'openlane:' ||
  ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname);

function App({ client }: { client: TerminalClient }) {
  const role = useRole(client);
  if (isHandheldStock && role !== null) {
    const stockWork = role === 'counter' || role === 'stock';
    return stockWork ? <StockApp client={client} handheld /> : <NoStockWork language="en" />;
  }
  if (role === 'stock') return <StockApp client={client} handheld={!onTheTerminal} />;
  if (role === 'counter') return <CounterApp client={client} />;
  if (role === 'kiosk') return <KioskApp client={client} />;
  if (role === 'attendant') return <AttendantApp client={client} />;
  // The shopper's language comes with the session, which is not loaded yet.
  return <LoadingScreen language="en" />;
}

// /display is the customer display, whatever the terminal's role: it reads the sale through its own
// read-only door (services/web/display-door.ts; in Electron, its own window's sender check).
const isDisplay = window.location.pathname === '/display';
const client = isDisplay ? createDisplayClient() : createTerminalClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>{isDisplay ? <DisplayApp client={client} /> : <App client={client} />}</StrictMode>,
);
