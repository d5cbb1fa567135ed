"""The statutory annual report (法治政府建设年度报告): sections, figures, .docx and PDF output.

* `sections` — the statutory outline (督察工作规定; the eight systems of the 2021–2025 Outline)
  and the default narrative with its figure placeholders;
* `figures` — placeholder syntax `{{ind:code}}` / `{{yoy:code}}`, resolution and wording;
* `charts` — the year-on-year bar chart (Pillow, CJK font from the system);
* `docx` — the GB/T 9704 official-document layout (python-docx);
* `pdf` — the same report through HTML and WeasyPrint.
"""
