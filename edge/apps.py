"""The edge of the site: what every request meets before and after any page of an app.

It holds middleware (edge/middleware.py), the reader's address behind proxies
(edge/client_ip.py) and the answer to a form without a valid CSRF token (edge/csrf.py). It has
no models; it is an app so that its place among INSTALLED_APPS says where it stands.
"""

from django.apps import AppConfig


class EdgeConfig(AppConfig):
    name = "edge"
    verbose_name = "Edge"

    def ready(self) -> None:
        # Before any app's URLs are read: they route ids with `<id:…>`.
        from django.urls import register_converter

        from edge.converters import IdConverter

        register_converter(IdConverter, "id")
