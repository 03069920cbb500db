#!/usr/bin/env bash
# Render the seed report's DOCX to PDF (LibreOffice) and the page with table B to PNG (pdftoppm), for the README.
# Needs Debian's libreoffice-writer, poppler-utils, imagemagick, fonts-noto-cjk, fonts-arphic-ukai and fonts-arphic-uming.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/gongkai report render src/gongkai/demo/zhangdian-jgsw-2022.json --to docx -o "$work/report.docx" >/dev/null
FONTCONFIG_FILE="$PWD/docs/fonts.conf" soffice --headless -env:UserInstallation="file://$work/lo" \
  --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null 2>&1
# The page that holds table B: the first page whose text has its 勾稽 note.
page=$(for p in $(seq 1 "$(pdfinfo "$work/report.pdf" | awk '/^Pages/ {print $2}')"); do
  pdftotext -f "$p" -l "$p" "$work/report.pdf" - | grep -q "勾稽关系" && { echo "$p"; break; }; done)
# Table B runs over two pages: show them side by side.
pdftoppm -f "$page" -l "$((page + 1))" -r 70 -png "$work/report.pdf" "$work/page"
convert "$work"/page-*.png -bordercolor "#cccccc" -border 1 +append docs/report-table-b.png
echo "docs/report-table-b.png: pages $page and $((page + 1)) of the rendered report"
