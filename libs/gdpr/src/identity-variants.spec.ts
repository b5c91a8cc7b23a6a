import { nameVariants } from './identity-variants.js';

describe(nameVariants.name, () => {
  it('adds the surname-first forms of a two-part name', () => {
    expect(nameVariants(' Hélène  Lefèvre ')).toEqual(['Hélène Lefèvre', 'Lefèvre Hélène', 'Lefèvre, Hélène']);
  });

  it('reads a directory name written "surname, given name" both ways', () => {
    expect(nameVariants('Martin, Paul')).toEqual(['Martin, Paul', 'Paul Martin', 'Martin Paul']);
  });

  it('keeps a name of one or of three parts as it is, and drops a blank one', () => {
    expect(nameVariants('Cher')).toEqual(['Cher']);
    expect(nameVariants('Jean de la Fontaine')).toEqual(['Jean de la Fontaine']);
    expect(nameVariants('  ')).toEqual([]);
  });
});
