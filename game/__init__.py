"""K-POP dance trainer: a webcam rhythm game that teaches choreography."""
