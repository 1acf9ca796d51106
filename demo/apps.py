from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content (seed article, demo articles and discussion) and the commands that load
    it through the services editors and readers go through. No models of its own."""

    name = "demo"
