import { Strategy } from 'passport-strategy';

type Verify = (req: unknown, done: (err: unknown, user?: unknown) => void) => void;

/**
 * A passport strategy that hands the whole request to its verify function: Vigie's sign-in reads a JSON body and the
 * caller's address, and its use case says what is wrong (a 400 naming the field, a 401, a 429) where passport-local
 * would answer a bare 401 for a missing field.
 */
export class RequestStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: unknown): void {
    this.verify(req, (err, user) => {
      if (err) this.error(err as Error);
      else if (user) this.success(user);
      else this.fail(401);
    });
  }
}
