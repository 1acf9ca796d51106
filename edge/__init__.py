"""What every request meets at the edge of the site: health check, guards, CSP, CSRF failures."""
