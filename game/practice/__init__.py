"""Practice: slower music with its pitch kept, looped sections, step mode, a tempo ramp, calibration.

The chart maths here is pure (core layer); only stretch.py touches audio files."""
