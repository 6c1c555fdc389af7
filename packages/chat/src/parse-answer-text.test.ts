import { expect } from '@open-wc/testing';
import { parseAnswerText } from './parse-answer-text.js';

describe('parseAnswerText', () => {
  it('splits paragraphs on blank lines and lines on single newlines', () => {
    expect(parseAnswerText('One\ntwo\n\nThree\n \nFour')).to.deep.equal([
      { type: 'paragraph', lines: [['One'], ['two']] },
      { type: 'paragraph', lines: [['Three']] },
      { type: 'paragraph', lines: [['Four']] },
    ]);
  });

  it('finds [n] citations inside lines', () => {
    expect(parseAnswerText('Yes [1][2], see [12].')).to.deep.equal([
      {
        type: 'paragraph',
        lines: [['Yes ', { citation: 1 }, { citation: 2 }, ', see ', { citation: 12 }, '.']],
      },
    ]);
  });

  it('leaves brackets that are not citations as text', () => {
    expect(parseAnswerText('Use [x] or [1a] or []')).to.deep.equal([
      { type: 'paragraph', lines: [['Use [x] or [1a] or []']] },
    ]);
  });

  it('reads fenced code with its language, closed or still streaming', () => {
    expect(parseAnswerText('Run:\n```sh\nnpm i x\n```\nDone.')).to.deep.equal([
      { type: 'paragraph', lines: [['Run:']] },
      { type: 'code', language: 'sh', code: 'npm i x' },
      { type: 'paragraph', lines: [['Done.']] },
    ]);
    expect(parseAnswerText('Run:\n\n```\nnpm i')).to.deep.equal([
      { type: 'paragraph', lines: [['Run:']] },
      { type: 'code', language: '', code: 'npm i' },
    ]);
  });

  it('gives nothing for empty or blank text', () => {
    expect(parseAnswerText('')).to.deep.equal([]);
    expect(parseAnswerText('\n\n  \n')).to.deep.equal([]);
  });
});
