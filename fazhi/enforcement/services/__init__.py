"""Enforcement services, one module per area: cases.py (penalty procedure), publicity.py,
catalogue.py (matters, benchmarks, legal-review list, Excel). A later supervision.py adds
case-file reviews, opinions and referrals without touching these."""
