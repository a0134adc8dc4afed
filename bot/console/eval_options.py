"""What the ``articlebot eval`` commands that run every set share: the corpora and their flags."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

SHARED_DATA_VARIABLE = "SHARED_DATA"
"""The environment variable naming the shared corpora's folder (the tests read it too)."""
BESIDE_CHECKOUT = Path("../shared/data")
"""Where the shared corpora are when the variable is unset: beside a checkout run from its root."""
SQUAD_FILE = "squad-dev-v1.1-public-half.json"
BBC_FOLDER = "bbc-news"


def shown_default(name: str) -> str:
    """The default of a flag naming the shared ``name``, as ``--help`` shows it."""
    return f"${SHARED_DATA_VARIABLE}/{name}, else {BESIDE_CHECKOUT / name}"


def shared_data() -> Path:
    """The shared corpora's folder: ``$SHARED_DATA`` when set (a worktree elsewhere, as the tests
    find it), else ``../shared/data``."""
    return Path(os.environ.get(SHARED_DATA_VARIABLE) or BESIDE_CHECKOUT)


def default_squad() -> Path:
    """The SQuAD file the eval commands read unless told another."""
    return shared_data() / SQUAD_FILE


def default_bbc() -> Path:
    """The BBC News folder the eval commands read unless told another."""
    return shared_data() / BBC_FOLDER


class SharedPath(click.Path):
    """A path to shared data; when it is missing and ``$SHARED_DATA`` is unset, the error says
    how to point at the shared data from a checkout that does not sit beside it."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            if os.environ.get(SHARED_DATA_VARIABLE):
                raise
            raise click.BadParameter(f"{error.message} From a checkout that {BESIDE_CHECKOUT} does not reach, set "
                                     f"{SHARED_DATA_VARIABLE}=/path/to/shared/data or pass the path.",
                                     ctx, param) from None


def corpora(out_help: str) -> Any:
    """The --squad, --bbc and --out flags of the commands that run every set."""
    def apply(func: Any) -> Any:
        for option in reversed([
            click.option("--squad", "squad_file", type=SharedPath(exists=True, dir_okay=False, path_type=Path),
                         default=default_squad, show_default=shown_default(SQUAD_FILE),
                         help="SQuAD v1.1 JSON file."),
            click.option("--bbc", type=SharedPath(exists=True, file_okay=False, path_type=Path),
                         default=default_bbc, show_default=shown_default(BBC_FOLDER),
                         help="Folder of news articles."),
            click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
                         show_default=True, help=out_help),
        ]):
            func = option(func)
        return func
    return apply
