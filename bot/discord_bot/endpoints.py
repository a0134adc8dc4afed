"""Where the client's REST calls and gateway connection go.

discord.py sends every REST call (interaction callbacks and webhook follow-ups included) to
``discord.http.Route.BASE``. A plain ``Client``/``Bot`` never asks ``GET /gateway/bot``: it dials
``DiscordWebSocket.DEFAULT_GATEWAY`` directly. So when ``discord.api_base_url`` is not Discord's,
the gateway is discovered from ``GET {api_base_url}/gateway/bot`` after login and before connect,
unless ``discord.gateway_url`` names it. Both are class attributes, i.e. process-wide.
"""

from __future__ import annotations

import logging

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route

log = logging.getLogger(__name__)

DISCORD_API = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"


def use_api_base(api_base_url: str) -> None:
    """Send the client's REST calls to ``api_base_url`` (e.g. ``http://127.0.0.1:8080/api/v10``)."""
    Route.BASE = api_base_url.rstrip("/")


def use_gateway(url: str) -> None:
    """Connect (and reconnect after an invalidated session) to the gateway at ``url``."""
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


def is_discord(api_base_url: str) -> bool:
    """True when ``api_base_url`` is Discord's own API."""
    return api_base_url.rstrip("/") == DISCORD_API


async def configure_gateway(http: HTTPClient, api_base_url: str, gateway_url: str | None) -> str:
    """Pick the gateway: the explicit setting, Discord's default, or ``GET /gateway/bot``.

    Raises ``discord.GatewayNotFound`` when discovery fails.
    """
    if gateway_url:
        url = gateway_url
    elif is_discord(api_base_url):
        url = DISCORD_GATEWAY
    else:
        _shards, url, _limits = await http.get_bot_gateway()
        log.info("Discovered gateway %s from %s/gateway/bot", url, api_base_url.rstrip("/"))
    use_gateway(url)
    return url

