const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** What RFC 3986 lets a URI hold outside its authority, `%` escapes aside (no `[`, `]`, and `#` only once). */
const NOT_IN_URI = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?@!$&'()*+,;=%]/gu;

function percentEncode(text: string): string {
  return text.replace(NOT_IN_URI, (c) => {
    if (c === '%') return '%25';
    try {
      return encodeURIComponent(c);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as everywhere else
    }
  });
}

/**
 * A draft's link or image URL as an `xs:anyURI` that schema validators accept, or `undefined` when
 * none can be made of it (`http://host:99999999/`), the link then being left as its words.
 * An absolute URL is written as WHATWG's URL parser normalizes it (the host in punycode, spaces
 * escaped), a relative one as the draft has it; then whatever RFC 3986 does not allow is
 * percent-encoded: a `%` that starts no escape, brackets outside the host, a second `#`.
 */
export function anyUri(url: string): string | undefined {
  let authority = '';
  let rest = url;
  if (SCHEME.test(url)) {
    let href: string;
    try {
      href = new URL(url).href;
    } catch {
      return undefined;
    }
    const prefix = /^[a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?/i.exec(href)?.[0] ?? '';
    authority = prefix;
    rest = href.slice(prefix.length);
  } else if (/^[^/?#]*:/.test(url)) {
    // A relative path whose first segment holds a colon would read as a scheme.
    rest = `./${url}`;
  }
  const hash = rest.indexOf('#');
  const before = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  return `${authority}${percentEncode(before)}${fragment === undefined ? '' : `#${percentEncode(fragment)}`}`;
}
