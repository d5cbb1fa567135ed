"""The sample drafts of the tests (one source with the demo: `fazhi/rulemaking/demo_texts.py`)."""

from fazhi.rulemaking.demo_texts import CLEAN, OUTDOOR_ADS, PRIVATE_ECONOMY

__all__ = ["CLEAN", "OUTDOOR_ADS", "PRIVATE_ECONOMY"]
