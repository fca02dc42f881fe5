"""Pose layer: MediaPipe landmarks, the shared feature function, pose learning and the classifier.

May import the game core, cv2, mediapipe, ai_edge_litert and numpy. TensorFlow is imported
only by game.pose.train, lazily, while training."""
