"""Historical figures: records with provenance, the tidy CSV they live in, and reconciliation."""
