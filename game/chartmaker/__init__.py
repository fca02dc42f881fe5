"""Chart making from a dance video: key poses, audio alignment, the `chart from-video` command."""
