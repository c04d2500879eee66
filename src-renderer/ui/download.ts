// CSV export from the browser: build the text (RFC 4180 quoting) and hand it to the user as a file.
export { toCsv } from '../../src-shared/domain/csv.ts';

export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
