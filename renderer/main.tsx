// Renderer entry: one TerminalClient for the window, and the kiosk role's UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskApp } from './kiosk/KioskApp';
import { createTerminalClient } from './transport';
import './styles.css';

const client = createTerminalClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <KioskApp client={client} />
  </StrictMode>,
);
