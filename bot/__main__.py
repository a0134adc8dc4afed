"""``python -m bot`` runs the ``articlebot`` command line."""

from bot.console.launch import main

if __name__ == "__main__":
    main()
