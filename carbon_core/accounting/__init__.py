"""Inventory accounting: emission factors, units, inventories and sector benchmarks."""
