import type * as z from 'zod';
import type { StaffSessionService } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { signOutInput } from './sign-out.input.js';

/** Ends a web session on the server: its cookie opens nothing any more, wherever a copy of it is. */
export class SignOut implements UseCase<typeof signOutInput, { signedOut: boolean }> {
  static readonly definition: UseCaseDefinition<typeof signOutInput> = { name: 'sign-out', input: signOutInput };
  readonly definition = SignOut.definition;

  constructor(private readonly sessions: StaffSessionService) {}

  async execute(input: z.output<typeof signOutInput>): Promise<{ signedOut: boolean }> {
    const checked = await this.sessions.check(input.token);
    if (checked.state === 'ended') return { signedOut: false };
    return { signedOut: await this.sessions.end(checked.session, 'signed-out') };
  }
}
