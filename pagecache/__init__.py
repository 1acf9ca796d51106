"""Whole pages for anonymous readers, kept in the cache; apps tell it what changed."""
