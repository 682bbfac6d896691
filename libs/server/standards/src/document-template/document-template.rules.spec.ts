import { sectionsOf } from './document-template.rules';

describe('document template sections', () => {
  it('are the level-2 headings, in order', () => {
    const body = ['# Project charter', '', '## Purpose', 'Why.', '### Detail', '## Scope ##', '##Not a heading', '  ## Indented ', '## '].join('\n');
    expect(sectionsOf(body)).toEqual(['Purpose', 'Scope', 'Indented']);
  });

  it('ignore headings inside code fences and lines indented as code', () => {
    const body = ['## Before', '```md', '## Inside', '```', '~~~~', '## Also inside', '```', '~~~~', '    ## Code block', '## After'].join('\r\n');
    expect(sectionsOf(body)).toEqual(['Before', 'After']);
  });

  it('are empty without headings', () => {
    expect(sectionsOf('')).toEqual([]);
    expect(sectionsOf('Plain text\n# Only a title')).toEqual([]);
  });
});
