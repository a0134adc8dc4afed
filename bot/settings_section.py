"""The base of every ``[section]`` of the settings: a key it does not know is an error naming it.

A typo in ``config.toml`` (``tpo = 1``, ``max_quote = 5``) used to be ignored without a word,
leaving the default in force; ``config.example.toml`` lists every key.
"""

from __future__ import annotations

import os
from collections.abc import Container, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

UNKNOWN_KEY = "unknown key (config.example.toml lists every key)"
"""What a key no section knows is called in the configuration error."""


class Section(BaseModel):
    """A settings section that refuses keys it does not define."""

    model_config = ConfigDict(extra="forbid")


def refuse_unknown_sections(values: Mapping[str, Any], sections: Container[str]) -> None:
    """Raise ValueError naming a ``[section]`` of the TOML file that the settings do not have."""
    unknown = [name for name in values if name not in sections]
    if unknown:
        raise ValueError(f"unknown section [{unknown[0]}] (config.example.toml lists every section)")


def file_named(toml_file: object) -> str:
    """``FILE: `` for the TOML file whose syntax or section is wrong."""
    return f"{toml_file}: " if toml_file else ""


def problems(error: ValidationError) -> str:
    """Each invalid setting as ``section.key: what is wrong``, never its value (it may be the token);
    ending `` (from ARTICLEBOT_SECTION__KEY)`` when that variable gave it, not the TOML file."""
    texts = []
    for problem in error.errors(include_input=False):
        key = ".".join(str(part) for part in problem["loc"])
        variable = "ARTICLEBOT_" + key.replace(".", "__").upper()
        where = f" (from {variable})" if variable in {name.upper() for name in os.environ} else ""
        texts.append(f"{key}: {UNKNOWN_KEY if problem['type'] == 'extra_forbidden' else problem['msg']}{where}")
    return "; ".join(texts)
