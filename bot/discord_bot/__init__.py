"""The Discord adapter: the discord.py client, its commands (cogs), replies and rendering."""
