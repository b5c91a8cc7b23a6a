import { generateDemoDirectory } from './demo-directory.generator.js';
import { DEMO_EXPLAIN_EXAMPLE } from './demo-examples.js';

describe('the examples of the help and the banner', () => {
  it('name the demo company planted intern, who reaches the HR share through nesting', () => {
    const [login, resource] = DEMO_EXPLAIN_EXAMPLE.split(' ');
    const planted = generateDemoDirectory({ now: new Date() }).planted;
    expect(planted).toContainEqual(expect.objectContaining({ rule: 'G-EXCESS-VS-ROLE', login, group: 'GG_RH_Projets', resourceId: resource }));
  });
});
