"""articlebot's front ends: the Discord adapter and the console."""
