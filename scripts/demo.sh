#!/bin/sh
# The main job: validate and show the shipped profiles, assess and rank, then write every kind of report, the
# spreadsheets and the atlas to out/.
set -e
LC="$1/bin/linkcheck"
"$LC" list
"$LC" validate system_profiles/*.yaml
"$LC" show kazakhstan@phase2
# Assess a pair and rank partners (exit 1 means findings: the demo goes on).
"$LC" assess kazakhstan@phase2 eu-ets@phase3 || true
"$LC" rank kazakhstan@phase2 eu-ets@phase3 rggi@2014 california@2013 korea@phase1 || true

# Reports, in English, Russian and Ukrainian, as PDF and HTML, and a brief and a Word document. They are dated today, or by SOURCE_DATE_EPOCH when it is set:
# the same inputs and date give byte-identical files.
OUT=out
mkdir -p "$OUT"
for lang in en ru uk; do
  for ext in pdf html; do
    "$LC" report kazakhstan@phase2 eu-ets@phase3 --lang "$lang" -o "$OUT/pairwise-$lang.$ext"
    # The PETER question: which partner suits Kazakhstan's ETS best?
    "$LC" report --rank kazakhstan@phase2 eu-ets@phase3 rggi@2014 california@2013 korea@phase1 \
      --lang "$lang" -o "$OUT/ranking-$lang.$ext"
    # A drafting state: what Ukraine must define before launch, and its closest partner.
    "$LC" report --readiness ukraine@draft --against eu-ets@phase4 --against uk@2021 --against kazakhstan@phase4 \
      --lang "$lang" -o "$OUT/readiness-$lang.$ext"
  done
done
"$LC" report kazakhstan@phase2 eu-ets@phase3 --brief -o "$OUT/brief-en.pdf"
"$LC" report kazakhstan@phase2 eu-ets@phase3 -o "$OUT/pairwise-en.docx"
# Spreadsheets: the findings as CSV, and each report kind as an Excel workbook.
"$LC" assess kazakhstan@phase2 eu-ets@phase3 --format csv > "$OUT/findings.csv" || true
"$LC" report kazakhstan@phase2 eu-ets@phase3 -o "$OUT/pairwise-en.xlsx"
"$LC" report --rank kazakhstan@phase2 eu-ets@phase3 rggi@2014 california@2013 korea@phase1 -o "$OUT/ranking-en.xlsx"
"$LC" report --readiness ukraine@draft --against eu-ets@phase4 -o "$OUT/readiness-en.xlsx"
# A drafting state that starts from the EU's design, and what it still has to decide.
"$LC" new Georgia --from eu-ets@phase4 --force -o "$OUT/georgia-from-eu.yaml"
"$LC" readiness "$OUT/georgia-from-eu.yaml" | tail -4
# The atlas: every system, phase and pair as a static site; open out/atlas/index.html.
"$LC" site -o "$OUT/atlas"
ls -l "$OUT"
