"""Drawing helpers shared by the scenes: theme, text, cards, skeletons, widgets, HUD."""
