#!/usr/bin/env node
// Writes templates/reference.docx: the Word document whose styles every DOCX that gctf builds uses,
// the way pandoc's --reference-doc works. Only its word/styles.xml is read by the emitter; the
// sample text shows an editor each style in place, so they can restyle it in Word and save it as
// their framework's own templates/reference.docx (see docs/reference-docx.md).
//
// Run: node scripts/make-reference-docx.mjs [output]   (default: templates/reference.docx)
//
// Borders are on both sides or on none: a left border is on the left in an Arabic (right-to-left)
// paragraph too, where it would sit at the end of the line.
//
// The style sheet is written out by hand because docx can declare paragraph and character styles
// but not table styles or the document defaults' complex-script (Arabic) font and size, and a style
// sheet is clearer read as one piece. Built-in styles keep Word's own names (`heading 1`,
// `footnote text`, …) so that Word recognises them as its built-in styles in any UI language.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';

const output = process.argv[2] ?? fileURLToPath(new URL('../templates/reference.docx', import.meta.url));

const NAVY = '1F3864';
const BLUE = '2E5597';
const GREY = '595959';
// The faces of the PDF (Noto Serif, Noto Naskh Arabic), which every Word file gctf builds embeds.
const BODY = 'Noto Serif';
const HEADINGS = 'Noto Serif';
const ARABIC = 'Noto Naskh Arabic';
const CODE = 'Consolas';

const fonts = (latin) => `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${latin}" w:cs="${ARABIC}"/>`;
// Naskh's letters are small for their size: complex-script (Arabic) text is set an eighth larger,
// as the PDF sets it (12 pt beside 10.5 pt).
const size = (halfPoints) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${Math.round((halfPoints * 9) / 8)}"/>`;
const bold = '<w:b/><w:bCs/>';
const italic = '<w:i/><w:iCs/>';

const paragraphStyle = (id, name, { basedOn = 'Normal', next, pPr = '', rPr = '', extra = '' } = {}) =>
  `<w:style w:type="paragraph" w:styleId="${id}"${id === 'Normal' ? ' w:default="1"' : ''}><w:name w:val="${name}"/>` +
  (id === 'Normal' ? '' : `<w:basedOn w:val="${basedOn}"/>`) +
  (next ? `<w:next w:val="${next}"/>` : '') +
  `${extra}<w:qFormat/>` +
  (pPr ? `<w:pPr>${pPr}</w:pPr>` : '') +
  (rPr ? `<w:rPr>${rPr}</w:rPr>` : '') +
  '</w:style>';

const characterStyle = (id, name, rPr, extra = '') =>
  `<w:style w:type="character" w:styleId="${id}"${id === 'DefaultParagraphFont' ? ' w:default="1"' : ''}><w:name w:val="${name}"/>` +
  (id === 'DefaultParagraphFont' ? '' : '<w:basedOn w:val="DefaultParagraphFont"/>') +
  `${extra}${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}</w:style>`;

const heading = (level, { rPr, before, after, pPr = '' }) =>
  paragraphStyle(`Heading${level}`, `heading ${level}`, {
    next: 'BodyText',
    extra: '<w:uiPriority w:val="9"/>',
    pPr: `<w:keepNext/><w:keepLines/>${pPr}<w:spacing w:before="${before}" w:after="${after}"/><w:outlineLvl w:val="${level - 1}"/>`,
    rPr: `${fonts(HEADINGS)}${rPr}`,
  });

const toc = (level, pPr, rPr = '') =>
  paragraphStyle(`TOC${level}`, `toc ${level}`, {
    next: 'Normal',
    extra: '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
    // No tab stops: the table of contents sets its own, at the right margin.
    pPr,
    rPr,
  });

const border = (side, color, sz = 4, space = 4) => `<w:${side} w:val="single" w:sz="${sz}" w:space="${space}" w:color="${color}"/>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr>${fonts(BODY)}${size(21)}<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
${paragraphStyle('Normal', 'Normal')}
${characterStyle('DefaultParagraphFont', 'Default Paragraph Font', '', '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>')}
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
${paragraphStyle('Title', 'Title', {
  next: 'Subtitle',
  extra: '<w:uiPriority w:val="10"/>',
  pPr: `<w:pBdr>${border('bottom', NAVY, 12, 12)}</w:pBdr><w:spacing w:before="2880" w:after="360" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>`,
  rPr: `${fonts(HEADINGS)}${bold}<w:color w:val="${NAVY}"/><w:kern w:val="28"/>${size(52)}`,
})}
${paragraphStyle('Subtitle', 'Subtitle', {
  next: 'CoverDetails',
  extra: '<w:uiPriority w:val="11"/>',
  pPr: '<w:spacing w:after="720"/>',
  rPr: `${fonts(HEADINGS)}<w:color w:val="${BLUE}"/>${size(32)}`,
})}
${paragraphStyle('CoverDetails', 'Cover Details', { pPr: '<w:spacing w:after="60"/>', rPr: `<w:color w:val="404040"/>${size(22)}` })}
${paragraphStyle('DraftNotice', 'Draft Notice', { pPr: '<w:spacing w:before="240" w:after="240"/>', rPr: `${bold}<w:caps/><w:color w:val="C00000"/>${size(24)}` })}
${paragraphStyle('CourtesyNote', 'Courtesy Note', {
  pPr: `<w:pBdr>${border('top', 'BFBFBF')}${border('left', 'BFBFBF')}${border('bottom', 'BFBFBF')}${border('right', 'BFBFBF')}</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:before="480" w:after="240"/><w:ind w:left="113" w:right="113"/>`,
  rPr: `${italic}<w:color w:val="404040"/>${size(20)}`,
})}
${heading(1, {
  before: 0,
  after: 360,
  pPr: `<w:pageBreakBefore/><w:pBdr>${border('bottom', NAVY, 6, 4)}</w:pBdr>`,
  rPr: `${bold}<w:color w:val="${NAVY}"/>${size(36)}`,
})}
${heading(2, { before: 480, after: 120, rPr: `${bold}<w:color w:val="${NAVY}"/>${size(28)}` })}
${heading(3, { before: 280, after: 80, rPr: `${bold}<w:color w:val="${BLUE}"/>${size(24)}` })}
${heading(4, { before: 200, after: 60, rPr: `${bold}${italic}<w:color w:val="${BLUE}"/>${size(22)}` })}
${heading(5, { before: 160, after: 40, rPr: `${italic}<w:color w:val="${BLUE}"/>${size(22)}` })}
${heading(6, { before: 160, after: 40, rPr: `${italic}<w:color w:val="${GREY}"/>${size(22)}` })}
${paragraphStyle('BodyText', 'Body Text', { extra: '<w:uiPriority w:val="1"/>', pPr: '<w:spacing w:after="160"/><w:jc w:val="both"/>' })}
${paragraphStyle('Statement', 'Statement', {
  basedOn: 'BodyText',
  next: 'BodyText',
  pPr: `<w:keepLines/><w:pBdr>${border('top', 'B4C6E7', 4, 4)}${border('left', 'B4C6E7', 4, 4)}${border('bottom', 'B4C6E7', 4, 4)}${border('right', 'B4C6E7', 4, 4)}</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="EAF0F8"/><w:spacing w:before="120" w:after="240"/><w:ind w:left="113" w:right="113"/>`,
  rPr: `${bold}<w:color w:val="${NAVY}"/>`,
})}
${paragraphStyle('TranslationNote', 'Translation Note', {
  next: 'Statement',
  pPr: '<w:keepNext/><w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/><w:spacing w:after="120"/>',
  rPr: `${italic}<w:color w:val="7F6000"/>${size(18)}`,
})}
${paragraphStyle('RelatedPractices', 'Related Practices', {
  basedOn: 'BodyText',
  pPr: `<w:pBdr>${border('top', 'D9D9D9', 4, 4)}</w:pBdr><w:spacing w:before="200" w:after="200"/>`,
  rPr: `${italic}<w:color w:val="${GREY}"/>${size(20)}`,
})}
${paragraphStyle('Quote', 'Quote', {
  basedOn: 'BodyText',
  next: 'BodyText',
  extra: '<w:uiPriority w:val="29"/>',
  pPr: '<w:ind w:left="567" w:right="567"/>',
  rPr: `${italic}<w:color w:val="404040"/>`,
})}
${paragraphStyle('SourceCode', 'Source Code', {
  pPr: '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
  rPr: `<w:rFonts w:ascii="${CODE}" w:hAnsi="${CODE}" w:eastAsia="${CODE}" w:cs="${CODE}"/>${size(19)}`,
})}
${paragraphStyle('TableText', 'Table Text', { pPr: '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>', rPr: size(20) })}
${paragraphStyle('ListParagraph', 'List Paragraph', {
  basedOn: 'BodyText',
  extra: '<w:uiPriority w:val="34"/>',
  pPr: '<w:spacing w:after="80"/><w:contextualSpacing/>',
})}
${paragraphStyle('FootnoteText', 'footnote text', {
  extra: '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
  pPr: '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>',
  rPr: size(18),
})}
${paragraphStyle('TOCHeading', 'TOC Heading', {
  basedOn: 'Heading1',
  next: 'Normal',
  extra: '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
  pPr: '<w:outlineLvl w:val="9"/>',
})}
${toc(1, '<w:keepNext/><w:spacing w:before="160" w:after="40"/>', bold)}
${toc(2, '<w:spacing w:after="40"/><w:ind w:left="227"/>', size(20))}
${toc(3, '<w:spacing w:after="20"/><w:ind w:left="454"/>', size(20))}
${paragraphStyle('Header', 'header', {
  extra: '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
  pPr: `<w:pBdr>${border('bottom', 'BFBFBF', 4, 4)}</w:pBdr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`,
  rPr: `<w:color w:val="${GREY}"/>${size(17)}`,
})}
${paragraphStyle('Footer', 'footer', {
  extra: '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
  pPr: '<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
  rPr: `<w:color w:val="${GREY}"/>${size(18)}`,
})}
${characterStyle('FootnoteReference', 'footnote reference', '<w:vertAlign w:val="superscript"/>', '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')}
${characterStyle('Hyperlink', 'Hyperlink', '<w:color w:val="0563C1"/><w:u w:val="single"/>', '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')}
${characterStyle('CrossReference', 'Cross Reference', `<w:color w:val="${BLUE}"/>`, '<w:qFormat/>')}
${characterStyle('VerbatimChar', 'Verbatim Char', `<w:rFonts w:ascii="${CODE}" w:hAnsi="${CODE}" w:eastAsia="${CODE}" w:cs="${CODE}"/>${size(20)}`, '<w:qFormat/>')}
<w:style w:type="table" w:styleId="FrameworkTable"><w:name w:val="Framework Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:tblPr><w:tblBorders>${border('top', 'A6A6A6', 4, 0)}${border('left', 'A6A6A6', 4, 0)}${border('bottom', 'A6A6A6', 4, 0)}${border('right', 'A6A6A6', 4, 0)}<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr>${bold}<w:color w:val="${NAVY}"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>
</w:style>
</w:styles>`.replace(/\n/g, '');

const text = (value, options = {}) => new TextRun({ text: value, ...options });
const sample = (style, value) => new Paragraph({ style, children: [text(value)] });

const document = new Document({
  title: 'gctf reference document',
  description: 'Restyle the sample paragraphs in Word, then save as templates/reference.docx in a framework folder.',
  creator: 'gctf',
  externalStyles: STYLES,
  footnotes: { 1: { children: [new Paragraph({ style: 'FootnoteText', children: [text('Footnote Text: the text of a footnote.')] })] } },
  numbering: {
    config: [
      { reference: 'bullet', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 283 } } } }] },
      { reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 340 } } } }] },
    ],
  },
  sections: [
    {
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1417, right: 1417, header: 709, footer: 709 } } },
      headers: { default: new Header({ children: [sample('Header', 'Header: the document’s short title')] }) },
      footers: { default: new Footer({ children: [new Paragraph({ style: 'Footer', children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
      children: [
        sample('Title', 'Title: the document’s title'),
        sample('Subtitle', 'Subtitle: its subtitle'),
        sample('CoverDetails', 'Cover Details: initiative, working group, co-leads, meeting, adoption date'),
        sample('DraftNotice', 'Draft Notice: shown on drafts'),
        sample('CourtesyNote', 'Courtesy Note: this text is a courtesy translation; the authoritative text is the English edition.'),
        sample('TOCHeading', 'TOC Heading: Contents'),
        // Samples of the contents' entries rather than a contents field, which Word would ask to update on opening.
        sample('TOC1', 'TOC 1: I. Section'),
        sample('TOC2', 'TOC 2: Good Practice 1: A practice’s title'),
        sample('Heading1', 'Heading 1: I. Section'),
        sample('BodyText', 'Body Text: section introductions, practice bodies and front and back matter use this style. Justified, with room between paragraphs.'),
        sample('Heading2', 'Heading 2: Good Practice 1: A practice’s title'),
        sample('TranslationNote', 'Translation Note: marks a practice shown untranslated.'),
        sample('Statement', 'Statement: the practice’s first paragraph, which states the good practice.'),
        new Paragraph({
          style: 'BodyText',
          children: [
            text('Body text with '),
            text('a cross-reference', { style: 'CrossReference' }),
            text(', '),
            text('a web link', { style: 'Hyperlink' }),
            text(', '),
            text('inline code', { style: 'VerbatimChar' }),
            text(' and a footnote.'),
            new FootnoteReferenceRun(1),
          ],
        }),
        sample('Heading3', 'Heading 3: a practice’s subsection (## in a draft)'),
        new Paragraph({ style: 'ListParagraph', numbering: { reference: 'bullet', level: 0 }, children: [text('List Paragraph: a bulleted list item')] }),
        new Paragraph({ style: 'ListParagraph', numbering: { reference: 'ordered', level: 0 }, children: [text('List Paragraph: a numbered list item')] }),
        sample('Heading4', 'Heading 4: ### in a draft'),
        sample('Quote', 'Quote: a block quotation.'),
        sample('SourceCode', 'Source Code: a code block'),
        new Table({
          style: 'FrameworkTable',
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: ['Framework Table', 'header row'].map((v) => new TableCell({ children: [sample('TableText', v)] })) }),
            new TableRow({ children: ['Table Text', 'a cell'].map((v) => new TableCell({ children: [sample('TableText', v)] })) }),
          ],
        }),
        sample('Heading5', 'Heading 5: #### in a draft'),
        sample('RelatedPractices', 'Related Practices: Good Practice 2, Good Practice 3'),
      ],
    },
  ],
});

// Fixed zip dates and core-properties dates, so running the script twice gives the same file.
const FIXED = new Date(Date.UTC(1980, 0, 1));
const packed = await JSZip.loadAsync(await Packer.toBuffer(document));
const zip = new JSZip();
for (const name of Object.keys(packed.files).sort()) {
  const entry = packed.file(name);
  if (!entry) continue;
  let content = await entry.async('string');
  if (name === 'docProps/core.xml') content = content.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED.toISOString().replace('.000', '')}`);
  zip.file(name, content, { date: FIXED, createFolders: false });
}
writeFileSync(output, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
console.log(`wrote ${output}`);
