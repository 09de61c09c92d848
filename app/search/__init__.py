"""Full-text search over mail and customer records (Qt-free core)."""
