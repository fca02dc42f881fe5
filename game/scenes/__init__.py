"""Screens of the game, each a Scene on the app's stack (title, song select, member select, play, pause, results, settings)."""
