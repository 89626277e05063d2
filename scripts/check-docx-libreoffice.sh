#!/bin/sh
# Opens a Word document gctf built in LibreOffice (headless) and converts it to PDF: a second,
# independent reader that must accept the file. Exits non-zero when soffice is missing, the
# conversion fails, or the PDF is empty.
#
# Usage: scripts/check-docx-libreoffice.sh FILE.docx [OUTDIR]
# The PDF is written to OUTDIR (default: a new temporary folder) and its path printed.
set -eu

if [ "$#" -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.docx [OUTDIR]" >&2
  exit 2
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "$0: soffice (LibreOffice) is not installed" >&2
  exit 3
fi

input=$1
outdir=${2:-$(mktemp -d)}
mkdir -p "$outdir"
# A profile of its own, so a running LibreOffice or a locked user profile cannot interfere.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$profile" \
  --convert-to pdf --outdir "$outdir" "$input" >"$outdir/soffice.log" 2>&1 || {
  echo "$0: LibreOffice could not convert $input:" >&2
  cat "$outdir/soffice.log" >&2
  exit 1
}

pdf="$outdir/$(basename "${input%.*}").pdf"
if [ ! -s "$pdf" ]; then
  echo "$0: LibreOffice wrote no PDF for $input" >&2
  cat "$outdir/soffice.log" >&2
  exit 1
fi
echo "$pdf"
