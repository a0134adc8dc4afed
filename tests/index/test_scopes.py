"""Scopes at the engine: a question in a scope quotes only what the scope sees, from its own best passages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.config import EngineConfig, ScopePolicy
from index.engine import Engine
from index.scopes import EVERYTHING, ArchiveScope, dm_scope, guild_scope, searching_in
from index.store.scopes import ScopeStore
from tests.scope_archives import ALPHA_LIGHTHOUSE, BETA_PREFIX, PUBLIC_BAKERY, write_archives


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    """An engine over the three folders, each server's folder claimed in the database."""
    folders = write_archives(tmp_path)
    config = EngineConfig(db_path=tmp_path / "db" / "scopes.db", article_dirs=(folders["alpha"].parent,))
    async with await Engine.open(config) as opened:
        await opened.reindex()
        async with ScopeStore.of(config) as scopes:
            assert await scopes.claim("A", str(folders["alpha"]))
            assert await scopes.claim("B", str(folders["beta"]))
        yield opened


async def claims(engine: Engine) -> dict[str, list[str]]:
    async with ScopeStore.of(engine.config) as scopes:
        return await scopes.claims()


async def test_a_scope_quotes_its_own_best_passage_even_when_others_score_higher(engine: Engine) -> None:
    everywhere = await engine.ask("who was the lighthouse keeper?", top=10, every=True)
    assert all(q.citation.title.startswith(BETA_PREFIX) for q in everywhere.quotes)  # beta crowds out alpha
    with searching_in(guild_scope("A", await claims(engine), ScopePolicy(guilds_see_shared=False))):
        answer = await engine.ask("who was the lighthouse keeper?", top=10, every=True)
    assert answer.quotes and answer.quotes[0].text.startswith(ALPHA_LIGHTHOUSE)
    assert not any(q.citation.title.startswith(BETA_PREFIX) for q in (*answer.quotes, *answer.more))


async def test_guild_b_never_sees_alpha_and_shared_follows_the_policy(engine: Engine) -> None:
    found = await claims(engine)
    with searching_in(guild_scope("B", found, ScopePolicy())):
        titles = {s.title for s in await engine.sources()}
        bakery = await engine.ask("which bakery won the bread prize?")
    assert "Harbour committee meets" not in titles and "Bakery prize" in titles
    assert bakery.quotes[0].text == PUBLIC_BAKERY
    with searching_in(guild_scope("B", found, ScopePolicy(guilds_see_shared=False))):
        alone = await engine.ask("which bakery won the bread prize?")
        assert not alone.answered and "Bakery prize" not in alone.suggestions
        assert await engine.titles("", limit=100) == sorted((f"{BETA_PREFIX} {n}" for n in range(40)), key=lambda t: (len(t), t))


async def test_a_channel_limit_and_the_dm_scopes(engine: Engine, tmp_path: Path) -> None:
    found = await claims(engine)
    notes = str(tmp_path / "articles" / "alpha" / "notes")
    with searching_in(guild_scope("A", found, ScopePolicy(), within=notes)):
        assert [s.title for s in await engine.sources()] == ["Pier repairs begin"]
        assert not (await engine.ask("who was the lighthouse keeper?")).answered
    with searching_in(dm_scope(found, ScopePolicy())):
        assert [s.title for s in await engine.sources()] == ["Bakery prize"]
    with searching_in(dm_scope(found, ScopePolicy(dm_archive="all"))):
        assert len(await engine.sources()) == 43


def test_zero_configuration_is_everything() -> None:
    assert guild_scope("A", {}, ScopePolicy()) == EVERYTHING
    assert dm_scope({}, ScopePolicy()).everything
    assert not ArchiveScope(claimed=("/x",)).visible("/x/y.txt")
    assert ArchiveScope(claimed=("/x",)).visible("/xy.txt")
