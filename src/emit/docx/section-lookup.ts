import { Body, SectionProperties, type XmlComponent } from 'docx';

/**
 * docx finds the section a table belongs to (for its available width) with `indexOf` over the
 * whole body, then a scan from there to the body's end, once or twice per table: quadratic in the
 * body's length. A framework of 10,000 practices spent most of its 45 seconds of Word output there.
 *
 * gctf writes one section. While docx serializes a one-section body, the section's properties are
 * the body's last child and no paragraph holds a section, so docx's lookup always ends on that last
 * child: this answers the same at once. Any other body goes to docx's own lookup.
 */
type BodyInternals = { readonly root?: readonly unknown[]; readonly sections?: readonly unknown[]; readonly sectionParagraphs?: ReadonlyMap<unknown, unknown> };

const docxLookup = Body.prototype.getSectionPropertiesFor;

function sectionOfOneSectionBody(this: Body, child?: XmlComponent): SectionProperties | undefined {
  const { root, sections, sectionParagraphs } = this as unknown as BodyInternals;
  const last = root?.[root.length - 1];
  if (sections?.length === 0 && sectionParagraphs?.size === 0 && last instanceof SectionProperties) return last;
  return docxLookup.call(this, child);
}

Body.prototype.getSectionPropertiesFor = sectionOfOneSectionBody;
