/** A one-line progress indicator on a terminal; silent when stderr is a pipe or a file. */
export function progressLine(initial: string): { update(text: string): void; done(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  const write = (text: string) => process.stderr.write(`\r\x1b[2K${text}`);
  if (tty) write(initial);
  return {
    update(text) {
      const now = Date.now();
      if (!tty || now - last < 100) return;
      last = now;
      write(text);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}
