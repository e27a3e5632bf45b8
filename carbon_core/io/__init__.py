"""Input-output tables and analysis: Leontief model, extraction, aggregation, official tables."""
