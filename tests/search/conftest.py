import pytest

from search.suggest import forget_vocabulary


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """Each test suggests from its own articles: a process keeps the vocabulary it read."""
    forget_vocabulary()
    yield
    forget_vocabulary()
