import { expect } from '@open-wc/testing';
import { englishStrings } from './jarvis-strings.js';
import { isRightToLeft, loadStrings, supportedLocales, withOwnerStrings } from './locales.js';

describe('built-in strings', () => {
  it('has every string in each of en, es, fr, de, pt, ja and ar', async () => {
    expect(supportedLocales).to.have.members(['en', 'es', 'fr', 'de', 'pt', 'ja', 'ar']);
    for (const locale of supportedLocales) {
      const strings = await loadStrings(locale);
      expect(Object.keys(strings), locale).to.have.members(Object.keys(englishStrings));
      for (const text of Object.values(strings)) expect(text, locale).to.be.a('string').and.not.equal('');
    }
  });

  it('picks by primary language, and gives English (and unknown languages) without waiting', async () => {
    expect((await loadStrings('pt-BR')).send).to.equal('Enviar');
    expect((await loadStrings('FR_ca')).newChat).to.equal('Nouvelle conversation');
    expect(loadStrings('en-GB')).to.equal(englishStrings);
    expect(loadStrings('xx')).to.equal(englishStrings);
    expect(loadStrings('')).to.equal(englishStrings);
  });

  it("puts the owner's wording for the language shown over the built-in strings", async () => {
    const owner = { en: { send: 'Ask' }, es: { send: 'Preguntar' } };
    expect(withOwnerStrings(await loadStrings('es'), 'es-MX', owner)).to.include({
      send: 'Preguntar',
      stop: 'Detener',
    });
    expect(withOwnerStrings(englishStrings, 'zz', owner).send).to.equal('Ask');
    expect(withOwnerStrings(await loadStrings('fr'), 'fr', owner).send).to.equal('Envoyer');
    expect(withOwnerStrings(englishStrings, 'en', {})).to.equal(englishStrings);
  });

  it('knows which languages run right to left', () => {
    expect(isRightToLeft('ar-EG')).to.equal(true);
    expect(isRightToLeft('he')).to.equal(true);
    expect(isRightToLeft('en')).to.equal(false);
  });
});
