import { VigieError } from '#vigie/common';
import { callerInput } from './caller-input.js';

describe(callerInput.name, () => {
  it('hands the query or body on as it came (the use case parses it)', () => {
    expect(callerInput({ comment: 'fine by me', id: 'x' })).toEqual({ comment: 'fine by me', id: 'x' });
    expect(callerInput(undefined)).toEqual({});
  });

  it('refuses `as`, so that no caller of the API acts as another person', () => {
    const error = (() => {
      try {
        return callerInput({ comment: 'fine by me', as: 'cdupont' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VigieError);
    expect(error).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/^as: not a field of the API/) });
  });
});
