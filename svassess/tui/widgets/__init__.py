"""Small widgets of our own, one per file."""
