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
