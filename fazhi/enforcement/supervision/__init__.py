"""Enforcement supervision (行政执法监督): case-file reviews, supervision opinions, criminal-lead
referrals, officers' certificates and training, annual statistics — the standard app shape as a
subpackage (views, urls, permissions, documents, excel, indicators, demo). Its models, services,
selectors and API live beside the penalty ones (models/supervision.py, services/supervision.py,
selectors/supervision.py, api/*_supervision.py)."""
