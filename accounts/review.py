"""Risk-tiered review (filled in below)."""
