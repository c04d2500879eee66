#!/usr/bin/env bash
# Everything a fresh machine needs to run and test Livepeer Miner from this checkout:
#   1. Debian packages: ffmpeg (the transcoding engine), Chromium (end-to-end tests), fonts (all
#      the DejaVu faces the visual baselines, e2e/visual.spec.ts-snapshots/, were drawn with);
#      for the port-mapping test: miniupnpd's binary (miniupnpd-nftables alone: no debconf
#      questions, no service started; the `miniupnpd` package would add both), nftables, iproute2.
#   2. npm ci: the project's packages, including the `node` package that gives npm scripts Node 22
#      whatever Node runs npm itself.
#   3. The Electron binary, where it can be downloaded (it cannot on our build machines: the
#      headless host and all tests work without it).
#   4. ffmpeg-static's FFmpeg (the app's bundled FFmpeg), where it can be downloaded; elsewhere
#      Debian's ffmpeg stands in at ffmpeg-static's binary path (see below).
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(ffmpeg chromium fonts-dejavu-core fonts-dejavu-extra miniupnpd-nftables nftables iproute2)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEB_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: no apt-get here; install ffmpeg and Chromium yourself (CHROMIUM_PATH for the tests)"
fi

command -v npm >/dev/null 2>&1 || { echo "setup: npm is required (any Node.js with npm)" >&2; exit 1; }
# package.json's allowScripts keeps electron's and ffmpeg-static's download scripts from running
# inside npm ci (a failed download there would roll back the whole install); the variables say
# the same to an npm that ignores allowScripts: ffmpeg-static's install.js sees FFMPEG_BIN's file
# and exits 0 (its documented way to use an FFmpeg of one's own).
system_ffmpeg="$(command -v ffmpeg || true)"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 FFMPEG_BIN="${system_ffmpeg:-/usr/bin/ffmpeg}" npm ci --no-audit --no-fund

# ffmpeg-static's binary: downloaded by its own install.js (from GitHub, which our build machines
# cannot reach). Where that fails, Debian's ffmpeg is copied to the path ffmpeg-static's index.js
# names, so the checkout and the packaging test have an FFmpeg there; the packaged app then carries
# that copy, which runs only where Debian's libraries are (release builds download the real one).
ffmpeg_static=node_modules/ffmpeg-static/ffmpeg
if [ ! -f "$ffmpeg_static" ]; then
  if (unset FFMPEG_BIN; timeout 120 node_modules/.bin/node node_modules/ffmpeg-static/install.js >/dev/null 2>&1); then
    echo "setup: ffmpeg-static's FFmpeg downloaded"
  elif [ -n "$system_ffmpeg" ]; then
    cp "$system_ffmpeg" "$ffmpeg_static" && chmod 755 "$ffmpeg_static"
    echo "setup: ffmpeg-static's FFmpeg could not be downloaded here; $system_ffmpeg stands in at $ffmpeg_static"
  else
    echo "setup: no FFmpeg for ffmpeg-static (download failed, none on PATH); the app will look on PATH"
  fi
fi

if [ ! -f node_modules/electron/path.txt ]; then
  if timeout 120 node_modules/.bin/node node_modules/electron/install.js >/dev/null 2>&1; then
    echo "setup: Electron binary installed"
  else
    echo "setup: the Electron binary could not be downloaded here; the desktop window cannot start on this machine (the headless host and the tests do not need it)"
  fi
fi
echo "setup: done with $(node_modules/.bin/node --version)"
