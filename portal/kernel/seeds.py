"""The seed documents (SEEDS_DIR) and the registry of their loaders: ``manage.py load_seeds``
runs every app's loader in order, so one command loads every record the documents hold.

An app registers its loader in AppConfig.ready():

    seeds.register("territory_project", load_from_seeds, order=20)

A loader takes the seeds folder, creates or updates its rows idempotently (a second run
changes no row) and returns a SeedReport; it raises SeedError with a French message when a
document is missing or does not read as expected.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class SeedError(RuntimeError):
    """A seed file is missing or does not read as expected (French message)."""


def seed_file(seeds_dir: Path, prefix: str) -> str:
    """The text of the seed document whose name starts with `prefix` (``003_*.txt``)."""
    matches = sorted(Path(seeds_dir).glob(f"{prefix}_*.txt"))
    if not matches:
        raise SeedError(f"Fichier « {prefix}_*.txt » introuvable dans {seeds_dir}.")
    return matches[0].read_text(encoding="utf-8")


@dataclass
class SeedReport:
    summary: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Loader:
    name: str
    load: Callable[[Path], SeedReport]
    order: int


_LOADERS: dict[str, Loader] = {}


def register(name: str, load: Callable[[Path], SeedReport], *, order: int) -> None:
    """Registers (or replaces) an app's loader; lower `order` runs first."""
    _LOADERS[name] = Loader(name, load, order)


def loaders() -> list[Loader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))
