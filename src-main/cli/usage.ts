// The command line's help text: the one place every command and option is described.
export const USAGE = `Usage: livepeer-miner <command> [options]

Commands:
  serve        the headless host: node + UI over HTTP/WebSocket on 127.0.0.1
               --data-dir DIR   --admin-port PORT (default 7935, 0 = any free port)
               --token TOKEN (default: the one kept in the data folder, made on first start)
               --new-token (replace it: old URLs stop working)   --print-url (print the URL and exit)
               --log-level debug|info|warn|error
               --orch-secret SECRET|FILE   (accept remote transcoders with this secret)
               --password-file FILE   (owner-only, mode 0600/0400: the node unlocks its operating
               account at start and resumes unattended; user actions still ask for the password)
               --rpc-url URL [--fallback-rpc-url URL]   (run on Arbitrum One through this RPC, with a
               backup used while it is rate-limited or down; saved as Settings → Network)
               --devnet-scale small|mainnet   (the devnet's size: mainnet seeds ~100 orchestrators once)
               --redemption-window-ms MS   (how long due winning tickets wait to share one redemption
               batch; default 60000 on the devnet, 300000 on Arbitrum One)
  devnet       the local devnet alone (anvil + protocol contracts), until Ctrl+C. [--scale small|mainnet]
               --json (prints {rpcUrl, chainId, controller, contracts})  --data-dir DIR
               --port PORT  --block-interval-ms MS (default 1000, 0 = mine only on transactions)
               --eth-usd PRICE (the devnet ETH/USD price feed's answer, e.g. 3456.78; default 3000)
  transcode    one segment through the engine: --in SEGMENT.ts --profiles P240p30fps16x9,P360p30fps16x9
               --out DIR [--json] [--ffmpeg PATH] [--encoder libx264|h264_nvenc|…] [--timeout-ms MS]
  bench        the transcoding benchmark (standard 4-rendition ladder, 1..N sessions):
               --sessions N --segments N [--json] [--ffmpeg PATH] [--device cpu|nvidia:0] [--preset P]
  transcoder   transcoder mode: --orch-addr HOST:PORT --orch-secret SECRET|FILE [--max-sessions N]
               [--ffmpeg PATH] [--encoder libx264|h264_nvenc|…] (no keys; Ctrl+C finishes jobs, deregisters)
  demo         devnet + a funded, bonded, registered, active orchestrator served by this host, until Ctrl+C
               --json (prints {rpcUrl, controller, serviceUri, orchestrator, adminUrl})  --data-dir DIR
               --service-port PORT (default 8935)  --admin-port PORT (default 0)  /metrics on the admin port
               --orch-secret SECRET|FILE   (accept remote transcoders: segments go to them only)
               --bind-host 0.0.0.0 --service-uri https://LAN-IP:PORT   (reachable from other machines)
               --redemption-window-ms MS (default 60000: due winners wait this long to share a batch)
  broadcast    the demo broadcaster: --orchestrator https://host:8935 --segments N [--json]
               [--rpc-url URL --ticket-broker ADDR (devnet: fund the deposit/reserve)] [--no-pixel-check]
  help         this text
`;
