// RPC URLs often carry an API key in the path (Alchemy, Infura, Ankr) or the query: only the
// scheme and host may reach a log line, a metric label or an error message.

export function redactRpcUrl(url: string): string {
  try {
    const u = new URL(url);
    const hidden = (u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.username !== '';
    return `${u.protocol}//${u.host}${hidden ? '/…' : ''}`;
  } catch {
    return '(unreadable RPC URL)';
  }
}

/** A network setting as status lines show it: its RPC URLs redacted (the settings form keeps them whole). */
export function redactNetwork<N extends { kind: string; rpcUrl?: string; fallbackRpcUrl?: string }>(network: N): N {
  if (network.rpcUrl === undefined) return network;
  return {
    ...network,
    rpcUrl: redactRpcUrl(network.rpcUrl),
    ...(network.fallbackRpcUrl === undefined ? {} : { fallbackRpcUrl: redactRpcUrl(network.fallbackRpcUrl) }),
  };
}
