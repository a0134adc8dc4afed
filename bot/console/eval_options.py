"""What the ``articlebot eval`` commands that run every set share: the corpora and their flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

DEFAULT_SQUAD = Path("../shared/data/squad-dev-v1.1-public-half.json")
DEFAULT_BBC = Path("../shared/data/bbc-news")


def corpora(out_help: str) -> Any:
    """The --squad, --bbc and --out flags of the commands that run every set."""
    def apply(func: Any) -> Any:
        for option in reversed([
            click.option("--squad", "squad_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                         default=DEFAULT_SQUAD, show_default=True, help="SQuAD v1.1 JSON file."),
            click.option("--bbc", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         default=DEFAULT_BBC, show_default=True, help="Folder of news articles."),
            click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
                         show_default=True, help=out_help),
        ]):
            func = option(func)
        return func
    return apply
