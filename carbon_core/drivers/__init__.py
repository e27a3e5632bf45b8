"""Drivers of emissions: STIRPAT regression and LMDI decomposition."""
