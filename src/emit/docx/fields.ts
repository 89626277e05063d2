import { ImportedXmlComponent, TextRun } from 'docx';
import { xmlSafe } from './text.js';

function element(name: string, attributes: Record<string, string>, text?: string): ImportedXmlComponent {
  const component = new ImportedXmlComponent(name, attributes);
  if (text !== undefined) component.push(text);
  return component;
}

const fieldChar = (type: 'begin' | 'separate' | 'end') => new TextRun({ children: [element('w:fldChar', { 'w:fldCharType': type })] });

/**
 * A complex field (`w:fldChar` begin, `w:instrText`, separate, result, end) with its result
 * already written, so that readers which never update fields show the right text, and Word,
 * which updates them on opening (`updateFields`), recomputes it.
 *
 * docx writes REF and SEQ fields only as simple fields without a result, or dirty with none
 * (`NumberedItemReference`, `SequentialIdentifier`), so these are built from its generic parts.
 */
export function complexField(instruction: string, result: readonly TextRun[]): TextRun[] {
  return [
    fieldChar('begin'),
    new TextRun({ children: [element('w:instrText', { 'xml:space': 'preserve' }, ` ${xmlSafe(instruction)} `)] }),
    fieldChar('separate'),
    ...result,
    fieldChar('end'),
  ];
}

/** The SEQ identifier that numbers the good practices. */
export const PRACTICE_SEQUENCE = 'GoodPractice';

/**
 * `SEQ GoodPractice`: the practice's number, counted by Word, so moving a practice renumbers it.
 * The first practice of a document numbered from other than 1 (`numbering.start`) restarts the
 * count (`\r N`); a separate hidden reset field would do it too, but LibreOffice shows those.
 */
export function practiceNumberField(result: readonly TextRun[], restartAt?: number): TextRun[] {
  return complexField(`SEQ ${PRACTICE_SEQUENCE}${restartAt === undefined ? '' : ` \\r ${restartAt}`} \\* ARABIC`, result);
}

/** `REF bookmark \h`: the bookmarked text (a practice's `Good Practice N`), linked to it. */
export function referenceField(bookmark: string, result: readonly TextRun[]): TextRun[] {
  return complexField(`REF ${bookmark} \\h`, result);
}

/** `NOTEREF bookmark \f \h`: a footnote's number again, styled as a footnote reference. */
export function noteReferenceField(bookmark: string, result: readonly TextRun[]): TextRun[] {
  return complexField(`NOTEREF ${bookmark} \\f \\h`, result);
}
