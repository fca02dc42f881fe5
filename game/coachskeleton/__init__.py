"""The coach's skeleton: the reference dancer's landmarks, worked out once per video and dancer,
kept in the user cache folder and drawn over the coach video on the play screen (docs/charts.md,
"The coach's skeleton")."""
