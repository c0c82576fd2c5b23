"""ita-check: a compliance checker for ITA measures-plan and results-report workbooks."""

__version__ = "0.1.0"
