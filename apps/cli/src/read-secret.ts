import { createInterface } from 'node:readline';

/**
 * A secret from the terminal, not echoed (asked twice when `confirm` is given: null when the two differ), or from
 * standard input when it is not a terminal (a pipe, a file), without its final line break. Never from argv, which
 * other users of the machine see in the process list and the shell keeps in its history.
 */
export async function readSecret(prompt: string, options: { confirm?: string } = {}): Promise<string | null> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const first = await askMuted(prompt);
  if (!options.confirm) return first;
  return (await askMuted(options.confirm)) === first ? first : null;
}

function askMuted(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    // The prompt is written above; what is typed is not echoed.
    const rl = createInterface({ input: process.stdin, output: undefined, terminal: true });
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
