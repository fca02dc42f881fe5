"""Colours that both the pure core and the screens need: the chart checker refuses member colours
close to them, and the UI draws with them. A module of its own, importing nothing, so the UI's theme
(loaded for the title's very first frame) does not pull in the chart code."""
from __future__ import annotations

# The play screen draws wrong limbs in this red, striped with white: no member may wear it.
WRONG_LIMB_COLOUR = (255, 32, 32)
