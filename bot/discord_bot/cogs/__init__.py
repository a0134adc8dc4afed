"""The bot's extensions; each module ends with ``async def setup(bot)``."""
