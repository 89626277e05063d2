/** A URL fragment (`#community-trust`, `#caf%C3%A9`) as the id it names; as it is when it is not valid percent-encoding. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
