"""Arabic text rules shared by search, comments and slugs."""
