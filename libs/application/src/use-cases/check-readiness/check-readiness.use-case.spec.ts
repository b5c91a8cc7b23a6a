import { parsedBy, refusalsOf } from '../../testing/index.js';
import { CheckReadiness } from './check-readiness.use-case.js';

describe(CheckReadiness.name, () => {
  let asked: string[];
  const answering = async () => ({
    query: async (sql: string) => {
      asked.push(sql);
      return [{ '?column?': 1 }];
    },
  });

  beforeEach(() => (asked = []));

  it('is for system actors only (the health route runs it as the API itself): it declares no ability', () => {
    expect(CheckReadiness.definition.name).toBe('check-readiness');
    expect(CheckReadiness.definition.ability).toBeUndefined();
  });

  it('takes no input', () => {
    expect(parsedBy(CheckReadiness.definition.input, {})).toEqual({});
    expect(refusalsOf(CheckReadiness.definition.input, { deep: true })).toEqual(['unknown field(s) deep']);
  });

  it('is ready when the database answers a query', async () => {
    expect(await new CheckReadiness(answering).execute()).toEqual({ ready: true, checks: { database: 'up' } });
    expect(asked).toEqual(['SELECT 1']);
  });

  it('is not ready, without throwing, when the database refuses the query', async () => {
    const failing = async () => ({ query: async () => Promise.reject(new Error('terminating connection due to administrator command')) });
    expect(await new CheckReadiness(failing).execute()).toEqual({ ready: false, checks: { database: 'down' } });
  });

  it('is not ready, without throwing, when the database cannot even be opened', async () => {
    const unreachable = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(await new CheckReadiness(unreachable).execute()).toEqual({ ready: false, checks: { database: 'down' } });
  });

  it('asks the database again at each check: a database back up makes it ready again', async () => {
    let up = false;
    const flaky = async () => {
      if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return answering();
    };
    const sut = new CheckReadiness(flaky);
    expect((await sut.execute()).ready).toBe(false);
    up = true;
    expect((await sut.execute()).ready).toBe(true);
  });
});
