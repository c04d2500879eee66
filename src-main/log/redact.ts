// Last line of defence for secrets in logs: anything that looks like a private key, a keystore
// ciphertext or a password assignment is masked before a line is stored or printed. Code must
// still never log secrets; this catches mistakes, such as a library echoing its arguments.

const PATTERNS: readonly [RegExp, string][] = [
  // 32-byte hex strings (private keys, seeds), with or without 0x. Addresses (20 bytes) and tx hashes
  // print as 0x + 64 hex too, so only bare or key-labelled ones are masked; see the labelled rule below.
  [
    /\b(private[_ ]?key|secret|seed|mnemonic|password|passphrase|token)(["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi,
    '$1$2[redacted]',
  ],
  [/\b(?<!0x)[0-9a-fA-F]{64}\b/g, '[redacted-hex]'],
  // A run of 12 to 24 lowercase words looks like a BIP-39 mnemonic.
  [/\b(?:[a-z]{3,8} ){11,23}[a-z]{3,8}\b/g, '[redacted-words]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
