/** A language tag as gctf accepts one: `en`, `fr`, `ar`, `pt-BR`, `zh-Hant`. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
