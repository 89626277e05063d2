import { TextRun, type IRunOptions } from 'docx';
import { directionalStretches } from '../../text/bidi.js';

// Characters XML 1.0 does not allow (C0 controls but tab/newline/return, lone surrogates,
// U+FFFE/U+FFFF). Word refuses a file with any of them, and docx writes text as it is given.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `value` without the characters XML 1.0 forbids, so no draft text can make an unreadable file. */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '');
}

// Word's proofing tools want a language with its region (Word has no language "English", only
// "English (United States)", "English (United Kingdom)", …); a draft language is usually bare. A
// bare language gets the region Word itself takes for it: English is US English, the spelling
// gctf's messages and the bundled framework use. A framework written in British spelling says
// `language: en-GB`, which is kept.
const WORD_LANGUAGES: Readonly<Record<string, string>> = {
  ar: 'ar-SA',
  de: 'de-DE',
  en: 'en-US',
  es: 'es-ES',
  fa: 'fa-IR',
  fr: 'fr-FR',
  he: 'he-IL',
  it: 'it-IT',
  nl: 'nl-NL',
  pt: 'pt-PT',
  ru: 'ru-RU',
  tr: 'tr-TR',
  ur: 'ur-PK',
  zh: 'zh-CN',
};

/** The language tag Word is given for a BCP 47 tag: `en` → `en-US`, `fr-CA` stays `fr-CA`. */
export function wordLanguage(lang: string): string {
  return lang.includes('-') ? lang : (WORD_LANGUAGES[lang.toLowerCase()] ?? lang);
}

/** The language and direction of a stretch of text. */
export interface Script {
  /** The BCP 47 tag of the text's language. */
  readonly lang: string;
  readonly rtl: boolean;
  /** The text is in the document's language, which the style sheet's defaults already say. */
  readonly isDocumentLanguage?: boolean;
}

/** The `Script` of text in `lang`, whose direction the edition gives, in a document in `documentLang`. */
export function scriptOf(lang: string, dir: 'ltr' | 'rtl', documentLang?: string): Script {
  return { lang, rtl: dir === 'rtl', isDocumentLanguage: lang === documentLang };
}

/** Character formatting that Markdown can express, plus a character style. */
export interface RunFormat {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly strike?: boolean;
  /** A character style id. */
  readonly style?: string;
}

/** A run's language and direction, as `w:rtl` and `w:lang` say them. */
export interface RunLanguage {
  readonly rtl: boolean;
  /** `w:lang`: `val` for a left-to-right language, `bidi` for a right-to-left one. */
  readonly lang?: { readonly val?: string; readonly bidi?: string };
}

/**
 * The language and direction of a run of `script` text (`rtl` for one stretch of it). A run in the
 * document's language says only its direction: the style sheet's defaults give its language
 * (`editionStyles`), and leaving it out of every run makes the Word output smaller and faster to
 * write. A right-to-left language is the run's `w:bidi` language (what Word checks Arabic letters
 * against); Latin letters inside it keep the document's default `w:val`.
 */
export function languageOf(script: Script, rtl = script.rtl): RunLanguage {
  if (script.isDocumentLanguage) return { rtl: script.rtl && rtl };
  const tag = wordLanguage(script.lang);
  return script.rtl ? { rtl, lang: { bidi: tag } } : { rtl: false, lang: { val: tag } };
}

/** `languageOf` as docx's run options. */
export function languageProperties(script: Script, rtl = script.rtl): Pick<IRunOptions, 'rightToLeft' | 'language'> {
  const { rtl: rightToLeft, lang } = languageOf(script, rtl);
  return { rightToLeft: rightToLeft || undefined, ...(lang && { language: lang.bidi ? { bidirectional: lang.bidi } : { value: lang.val } }) };
}

/**
 * The stretches `text` in `script` is written as, one run each: right-to-left text split where the
 * direction changes, line breaks as spaces (as in Markdown), characters XML forbids left out.
 */
export function runStretches(text: string, script: Script): { text: string; rtl: boolean }[] {
  const clean = xmlSafe(text).replace(/[\t\r\n]+/g, ' ');
  if (!clean) return [];
  return script.rtl ? directionalStretches(clean) : [{ text: clean, rtl: false }];
}

/**
 * docx runs for `text` in `script` with `format` (see `runStretches`). Bold is written for both
 * Latin and complex-script text (`w:b` + `w:bCs`: docx adds the second), so Arabic bold is bold;
 * italic for Latin text only (`w:i`, never `w:iCs`): right-to-left script is never slanted (see
 * `editionStyles`).
 */
export function textRuns(text: string, script: Script, format: RunFormat = {}): TextRun[] {
  return runStretches(text, script).map(
    (stretch) =>
      new TextRun({
        text: stretch.text,
        style: format.style,
        bold: format.bold || undefined,
        italics: format.italics || undefined,
        italicsComplexScript: false,
        strike: format.strike || undefined,
        ...languageProperties(script, stretch.rtl),
      }),
  );
}
