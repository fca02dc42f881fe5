"""Screen words in English and Korean (the language setting picks one)."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "play": ("Play", "플레이"), "settings": ("Settings", "설정"), "quit": ("Quit", "종료"),
    "select": ("Select", "선택"), "back": ("Back", "뒤로"), "move": ("Move", "이동"), "change": ("Change", "변경"),
    "start": ("Start", "시작"), "pause": ("Pause", "일시정지"), "resume": ("Resume", "계속하기"),
    "restart": ("Restart", "다시 시작"), "quit_song": ("Quit to song list", "곡 목록으로"),
    "choose_song": ("Choose a song", "곡을 고르세요"), "choose_member": ("Choose your member", "멤버를 고르세요"),
    "difficulty": ("Difficulty", "난이도"), "best": ("Best", "최고 기록"), "no_best": ("No score yet", "기록 없음"),
    "broken": ("BROKEN", "오류"), "length": ("Length", "길이"), "bpm": ("BPM", "BPM"), "members": ("Members", "멤버"),
    "results": ("Results", "결과"), "score": ("Score", "점수"), "combo": ("Combo", "콤보"), "max_combo": ("Max combo", "최대 콤보"),
    "accuracy": ("Accuracy", "정확도"), "practise": ("Practise these moves", "이 동작을 연습하세요"),
    "new_best": ("NEW PERSONAL BEST!", "개인 최고 기록!"), "retry": ("Retry", "다시 하기"), "continue": ("Continue", "계속"),
    "timing": ("Early / late over the song", "곡 전체의 빠름 / 늦음"), "early": ("early", "빠름"), "late": ("late", "늦음"),
    "target": ("TARGET POSE", "목표 포즈"), "next": ("NEXT", "다음"),
    "autoplay": ("AUTOPLAY DEMO", "자동 플레이 데모"), "you": ("YOU", "나"), "ready": ("Get ready!", "준비하세요!"),
    "paused": ("PAUSED", "일시정지"),
    "title_sub": ("Copy the cards. Hit the beat. Shine like an idol.", "카드를 따라 하고, 비트에 맞춰, 아이돌처럼 빛나세요."),
    "songs_found": ("songs", "곡"),
    "no_songs": ("No songs found. Add a folder to songs/ (see docs/charts.md).", "곡이 없어요. songs/ 에 폴더를 추가하세요 (docs/charts.md)."),
    "part": ("Part", "파트"), "practise_none": ("Nothing to practise - flawless!", "연습할 동작이 없어요 - 완벽!"),
    # camera and pose recognition
    "camera": ("CAMERA", "카메라"), "step_in": ("Step into the camera view", "카메라 화면 안으로 들어오세요"),
    "step_back": ("Step back so that your whole body is in view", "몸 전체가 보이도록 뒤로 물러나세요"),
    "others_in_view": ("Others in view · following the dancer with the skeleton", "다른 사람도 보여요 · 뼈대가 그려진 사람을 따라가요"),
    "camera_starting": ("Starting the camera…", "카메라를 켜는 중…"),
    "camera_lost": ("Camera disconnected", "카메라 연결이 끊겼어요"),
    "camera_lost_sub": ("Reconnect it to continue: the song carries on by itself as soon as pictures arrive again.",
                        "다시 연결하세요. 화면이 다시 들어오면 곡이 저절로 이어져요."),
    "demo_mode": ("Demo mode: the autoplayer dances this song for you", "데모 모드: 자동 플레이어가 대신 춤춰요"),
    "no_camera": ("No camera", "카메라 없음"), "camera_problem": ("The camera can't be used", "카메라를 사용할 수 없어요"),
    "play_demo": ("Play the demo (autoplay)", "데모 플레이 (자동)"), "use_video": ("Use a video file…", "동영상 파일 사용…"),
    "try_again": ("Try the camera again", "카메라 다시 시도"), "video_path": ("Video file path", "동영상 파일 경로"),
    "use_it": ("Use this video", "이 동영상 사용"), "cancel": ("Cancel", "취소"), "demo": ("Demo", "데모"),
    "loading_pose": ("Loading pose recognition…", "포즈 인식을 불러오는 중…"),
    "pose_ready": ("Pose recognition ready", "포즈 인식 준비 완료"),
    "pose_error": ("No pose model: songs play as the demo", "포즈 모델 없음: 데모로 플레이해요"),
    "pose_stale": ("Poses changed since the model was trained", "모델 학습 후 포즈가 바뀌었어요"),
    "retrain": ("Retrain", "다시 학습"), "train_now": ("Train the model", "모델 학습"),
    "retraining": ("Training the pose model", "포즈 모델 학습 중"),
    "stale_play": ("Songs still play with the old model until you retrain.", "다시 학습하기 전까지는 이전 모델로 플레이해요."),
    # results: cue by cue
    "cues": ("Cue by cue", "동작별 보기"), "cue_review": ("Cue by cue", "동작별 보기"), "cue": ("Cue", "동작"),
    "cue_pick": ("Pick a cue", "동작 고르기"), "no_cues_judged": ("No cues were judged", "판정된 동작이 없어요"),
    "no_figure": ("No figure at the beat", "비트 순간의 자세가 없어요"),
    "you_best": ("YOU · BEST MATCH", "나 · 가장 비슷했던 순간"), "you_beat": ("YOU · AT THE BEAT", "나 · 비트 순간"),
    "best_in_window": ("Best in window", "구간 최고 일치도"), "seen_at_beat": ("SEEN AT THE BEAT", "비트 순간에 보인 포즈"),
    "nobody_seen": ("Nobody in view", "아무도 안 보였어요"), "no_known_pose": ("No card pose", "카드에 없는 포즈"),
    "timing_short": ("Timing", "타이밍"), "best_match": ("Best match", "최고 일치도"), "held": ("Held", "유지"),
    "on_time": ("on time", "정박"), "limb_hint": ("LIMBS", "팔다리"),
    "limbs_close": ("Every limb close to the card", "모든 팔다리가 카드와 비슷해요"),
    "grade_perfect": ("Perfect", "퍼펙트"), "grade_great": ("Great", "그레이트"), "grade_good": ("Good", "굿"),
    "grade_miss": ("Miss", "미스"),
}


def tr(key: str, language: str = "en") -> str:
    en, ko = STRINGS.get(key, (key, key))
    return ko if language == "ko" else en
