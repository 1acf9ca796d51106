"""The site's languages in templates: links to this page in each, and a text's direction."""
