import { formsOfDn, nameVariants } from './identity-variants.js';

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

describe(formsOfDn.name, () => {
  it('reads a name from a CN, escaped as RFC 4514 writes it', () => {
    expect(formsOfDn('CN=Hélène Lefèvre,OU=Staff,DC=acme,DC=test')).toEqual({ names: ['Hélène Lefèvre'], logins: [] });
    expect(formsOfDn('cn=Martin\\, Paul,ou=people,dc=acme,dc=test')).toEqual({ names: ['Martin, Paul'], logins: [] });
    expect(formsOfDn('CN=Martin\\2C Paul,OU=people')).toEqual({ names: ['Martin, Paul'], logins: [] });
    expect(formsOfDn('CN=H\\C3\\A9l\\C3\\A8ne,OU=people')).toEqual({ names: ['Hélène'], logins: [] });
  });

  it('reads a login from a uid, and nothing from other attributes or no DN', () => {
    expect(formsOfDn('uid=hlefevre,ou=people,dc=acme,dc=test')).toEqual({ names: [], logins: ['hlefevre'] });
    expect(formsOfDn('ou=people,dc=acme,dc=test')).toEqual({ names: [], logins: [] });
    expect(formsOfDn('not a dn')).toEqual({ names: [], logins: [] });
  });
});
