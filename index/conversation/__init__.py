"""Conversations with the archive: follow-ups read against the last answer, and questions
about the archive itself (who wrote it, when, which articles mention something).

Discord-free: the console chat and the Discord bot both keep their conversations here.
"""

from index.conversation.context import DEFAULT_EXPIRY_SECONDS, ContextStore, Topic
from index.conversation.converse import Conversations, Turn
from index.conversation.records import ArchiveReply, Listed

__all__ = ["DEFAULT_EXPIRY_SECONDS", "ArchiveReply", "ContextStore", "Conversations", "Listed", "Topic", "Turn"]
