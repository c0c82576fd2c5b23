"""One small formatter per output format. Each takes a RunReport and returns text."""
