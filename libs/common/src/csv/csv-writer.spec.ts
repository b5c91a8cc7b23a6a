import { CsvWriter, csvDialectFor, toCsv } from './csv-writer.js';

describe(CsvWriter.name, () => {
  it('writes the excel dialect French Excel opens as it is: a UTF-8 byte order mark, semicolons, CRLF, decimal commas', () => {
    const csv = toCsv('excel', ['Règle', 'Délai (jours)'], [['H-GUEST', 5.33]]);
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe('\uFEFFRègle;Délai (jours)\r\nH-GUEST;5,33\r\n');
  });

  it('writes the standard dialect for tools: commas, decimal points, no byte order mark', () => {
    expect(toCsv('standard', ['rule', 'days'], [['H-GUEST', 5.33]])).toBe('rule,days\r\nH-GUEST,5.33\r\n');
  });

  it('quotes a cell holding a separator of either dialect, a quote or a line break, doubling its quotes', () => {
    const w = new CsvWriter('excel');
    expect(w.row(['Martin; Paul', 'CN=Martin\\, Paul', 'dit "le chef"', 'ligne 1\nligne 2', 'simple'])).toBe(
      '"Martin; Paul";"CN=Martin\\, Paul";"dit ""le chef""";"ligne 1\nligne 2";simple\r\n',
    );
  });

  it('defuses a cell a spreadsheet would run as a formula, and keeps accents as they are', () => {
    const w = new CsvWriter('standard');
    expect(w.row(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', 'Hélène Lefèvre'])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),'\tcmd,"'\rcmd",Hélène Lefèvre\r\n`,
    );
    expect(w.row([-2, null, undefined])).toBe('-2,,\r\n');
  });

  it('chooses excel for French and standard for English unless a dialect is asked for', () => {
    expect(csvDialectFor('fr')).toBe('excel');
    expect(csvDialectFor('en')).toBe('standard');
    expect(csvDialectFor('fr', 'standard')).toBe('standard');
    expect(csvDialectFor('en', 'excel')).toBe('excel');
  });
});
