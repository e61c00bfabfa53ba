#!/usr/bin/env bash
# README pictures of what a reader gets on paper: the first page of «ШНОР — итоги» from the book that
# `shnor analyze -o` writes for the sample district (as LibreOffice prints it), and the first page of the
# справка that `--docx` writes. Needs LibreOffice and poppler-utils (pdftoppm). Run: npm run build && scripts/paper-shots.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
node dist-cli/shnor.cjs analyze sample/district.xlsx -o "$tmp/book.xlsx" --docx "$tmp/report.docx" >/dev/null || true
# Only «ШНОР — итоги», so that the PDF starts with it.
NODE_PATH="$root/node_modules" node -e '
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  for (const ws of [...wb.worksheets]) if (ws.name !== "ШНОР — итоги") wb.removeWorksheet(ws.id);
  await wb.xlsx.writeFile(process.argv[2]);
})();' "$tmp/book.xlsx" "$tmp/summary.xlsx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/summary.xlsx" >/dev/null 2>&1
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/report.docx" >/dev/null 2>&1
# The page is the whole table scaled to its width: the picture is its top left corner at a readable size.
pdftoppm -r 230 -png -f 1 -l 1 -x 150 -y 180 -W 1500 -H 700 -singlefile "$tmp/summary.pdf" docs/summary
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$tmp/report.pdf" docs/report
echo "docs/summary.png, docs/report.png"
