"""Linking-readiness reports (pairwise, partner ranking, pre-launch readiness) in PDF, HTML, Markdown and JSON.

`context` turns engine results into plain data, `charts` draws them as SVG, `i18n` translates, `render` fills the
templates in report_templates/ and prints the PDF, and `command` is the `linkcheck report` command.
"""
