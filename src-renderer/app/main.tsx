// The renderer's entry: the design tokens and base sheet first (component modules come after and
// build on them), then the state connected to the real transport, then the app.
import './tokens.css';
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from '../api/pick-transport.ts';
import { connect } from '../state/connect.ts';
import { App } from './App.tsx';

connect(pickTransport());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
