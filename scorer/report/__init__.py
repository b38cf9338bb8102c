"""Writers for the scored tables."""
