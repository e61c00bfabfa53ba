#!/usr/bin/env bash
# README pictures of what a reader gets on paper: the first page of «ШНОР — итоги» from the book that
# `shnor analyze -o` writes for the sample district (as LibreOffice prints it: its corner at a readable
# size, summary, and the whole page, paper-summary), the first pages of
# «Справочник мероприятий» and «Настройки ШНОР» whole (paper-catalogue, paper-settings), and the first page
# of the справка that `--docx` writes, the page of the справка with its first figure (report-figure), and the
# first page of a ШНОР's «Карточка ОО» as a book (card). Needs LibreOffice and poppler-utils (pdftoppm). Run: npm run build && scripts/paper-shots.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
node dist-cli/shnor.cjs analyze sample/district.xlsx -o "$tmp/book.xlsx" --docx "$tmp/report.docx" >/dev/null || true
node dist-cli/shnor.cjs card sample/district.xlsx --school sch771012 -o "$tmp/card.xlsx" >/dev/null 2>&1 || true
# One tab per book, so that each PDF starts with it.
one() {
  NODE_PATH="$root/node_modules" node -e '
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  for (const ws of [...wb.worksheets]) if (ws.name !== process.argv[3]) wb.removeWorksheet(ws.id);
  // exceljs reads the print area as A1:H39 and would write it back as $A1:$H39 (see absolutePrintArea in src/workbook/xlsx.ts).
  for (const ws of wb.worksheets) if (ws.pageSetup.printArea) ws.pageSetup.printArea = ws.pageSetup.printArea.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
  await wb.xlsx.writeFile(process.argv[2]);
})();' "$tmp/book.xlsx" "$tmp/$2.xlsx" "$1"
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$2.xlsx" >/dev/null 2>&1
}
one "ШНОР — итоги" summary
one "Справочник мероприятий" catalogue
one "Настройки ШНОР" settings
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/report.docx" >/dev/null 2>&1
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/card.xlsx" >/dev/null 2>&1
# The справка's first page with a figure on it.
pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ { print $2 }')
figure=1
for ((p = 1; p <= pages; p++)); do
  if pdftotext -f "$p" -l "$p" "$tmp/report.pdf" - | grep -q 'Рисунок 1\.'; then figure=$p; break; fi
done
# The summary's picture is the top left corner of its first page at a readable size; the others whole pages.
pdftoppm -r 150 -png -f 1 -l 1 -x 150 -y 100 -W 1500 -H 700 -singlefile "$tmp/summary.pdf" docs/summary
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$tmp/summary.pdf" docs/paper-summary
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$tmp/catalogue.pdf" docs/paper-catalogue
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$tmp/settings.pdf" docs/paper-settings
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$tmp/report.pdf" docs/report
pdftoppm -r 80 -png -f "$figure" -l "$figure" -singlefile "$tmp/report.pdf" docs/report-figure
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$tmp/card.pdf" docs/card
echo "docs/summary.png, docs/paper-summary.png, docs/paper-catalogue.png, docs/paper-settings.png, docs/report.png, docs/report-figure.png, docs/card.png"
