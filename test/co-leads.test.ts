import { describe, expect, it } from 'vitest';
import { BUNDLED_PRACTICES, editionOf } from './helpers/build-framework.js';

// Every prose value of the manifest can be given per language, co-leads included: the French
// edition does not say « United States et Morocco », nor the Arabic one glue و to a Latin name.
describe('co-leads', () => {
  it.each([
    ['en', ['United States', 'Morocco'], 'United States and Morocco'],
    ['fr', ['États-Unis', 'Maroc'], 'États-Unis et Maroc'],
    ['ar', ['الولايات المتحدة', 'المغرب'], 'الولايات المتحدة والمغرب'],
  ])('are named in the %s edition in its own language, joined as it lists them', async (lang, names, joined) => {
    const edition = await editionOf(BUNDLED_PRACTICES, lang);
    expect(edition.metadata.coLeads).toEqual(names);
    expect(edition.metadata.coLeadsText).toBe(joined);
  });
});
