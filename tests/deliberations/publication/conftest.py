import pytest

from deliberations.publication import rows


class RowRenders:
    """Counts the list rows rendered (rows.item_html called) since it was last read."""

    def __init__(self):
        self.count = 0

    def taken(self) -> int:
        count, self.count = self.count, 0
        return count


@pytest.fixture
def rendered_rows(monkeypatch):
    """rows.item_html still renders each row; the fixture only counts its calls (a row read
    from the cache is not rendered)."""
    renders, real = RowRenders(), rows.item_html

    def counted(deliberation):
        renders.count += 1
        return real(deliberation)

    monkeypatch.setattr(rows, "item_html", counted)
    return renders
