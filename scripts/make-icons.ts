// Renders the PNG icons from assets/icon.svg with rsvg-convert (Debian: librsvg2-bin):
// assets/icon.png (1024 px, macOS and Windows installers), assets/icons/<n>x<n>.png (Linux) and
// the tray images assets/tray/tray-<state>.png (+ @2x), one per tray state. Run after changing
// the SVG: node scripts/make-icons.ts. The PNGs are committed; the build only copies them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TRAY_STATES, type TrayState } from '../src-main/desktop/tray-model.ts';

const assets = resolve(import.meta.dirname, '..', 'assets');
const appIcon = readFileSync(join(assets, 'icon.svg'), 'utf8');

function render(svg: string, size: number, out: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'lpm-icon-'));
  try {
    const file = join(dir, 'in.svg');
    writeFileSync(file, svg);
    execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', out, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Tray: the app mark, grey when off; a badge says earning (gold) or attention (red "!").
const BODY: Record<TrayState, string> = {
  off: '#8b93a1',
  running: '#00eb88',
  earning: '#00eb88',
  attention: '#00eb88',
};
const BADGE: Record<TrayState, string> = {
  off: '',
  running: '',
  earning: '<circle cx="48" cy="48" r="15" fill="#ffc233" stroke="#0f1218" stroke-width="4"/>',
  attention:
    '<circle cx="48" cy="48" r="15" fill="#ff4d4f" stroke="#0f1218" stroke-width="4"/><rect x="45.5" y="38" width="5" height="12" rx="2" fill="#fff"/><circle cx="48" cy="55" r="2.8" fill="#fff"/>',
};
function traySvg(state: TrayState): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="2" y="2" width="60" height="60" rx="14" fill="${BODY[state]}"/><text x="30" y="41" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="800" text-anchor="middle" fill="#04140c">LP</text>${BADGE[state]}</svg>`;
}

render(appIcon, 1024, join(assets, 'icon.png'));
mkdirSync(join(assets, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) render(appIcon, size, join(assets, 'icons', `${size}x${size}.png`));
mkdirSync(join(assets, 'tray'), { recursive: true });
for (const state of TRAY_STATES) {
  render(traySvg(state), 32, join(assets, 'tray', `tray-${state}.png`));
  render(traySvg(state), 64, join(assets, 'tray', `tray-${state}@2x.png`));
}
process.stderr.write(`icons written to ${assets}\n`);
