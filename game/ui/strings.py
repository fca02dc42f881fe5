"""Every word the player reads, in English and Korean (the language setting picks one).

Values are (English, Korean). `{name}` fields are filled by `tr(key, language, name=...)`.
Counted words have a `KEY_one` form for English singulars (`count("n_songs", 1)` -> "1 song");
Korean counts need none. tests/ui/test_strings.py fails on a key without both languages, on a key
the code asks for that is missing here, and on English typed straight into a drawing call."""
from __future__ import annotations

from typing import Iterable

STRINGS: dict[str, tuple[str, str]] = {
    # menus and keys
    "play": ("Play", "플레이"), "settings": ("Settings", "설정"), "quit": ("Quit", "종료"),
    "select": ("Select", "선택"), "back": ("Back", "뒤로"), "move": ("Move", "이동"), "change": ("Change", "변경"),
    "start": ("Start", "시작"), "pause": ("Pause", "일시정지"), "resume": ("Resume", "계속하기"),
    "restart": ("Restart", "다시 시작"), "quit_song": ("Quit to song list", "곡 목록으로"),
    "fullscreen": ("Fullscreen", "전체 화면"), "rescan": ("Rescan", "다시 찾기"), "video": ("Video", "동영상"),
    # title
    "title_sub": ("Copy the cards. Hit the beat. Shine like an idol.", "카드를 따라 하고, 비트에 맞춰, 아이돌처럼 빛나세요."),
    "n_songs": ("{n} songs", "곡 {n}개"), "n_songs_one": ("{n} song", "곡 {n}개"),
    "n_poses": ("{n} poses", "포즈 {n}개"), "n_poses_one": ("{n} pose", "포즈 {n}개"),
    "autoplay": ("AUTOPLAY DEMO", "자동 플레이 데모"),
    "no_songs": ("No songs found. Add a folder to songs/ (see docs/charts.md).", "곡이 없어요. songs/ 에 폴더를 추가하세요 (docs/charts.md)."),
    # song select
    "choose_song": ("Choose a song", "곡을 고르세요"), "songs_playable": ("{n} of {total} songs play", "곡 {total}개 중 {n}개 플레이 가능"),
    "best": ("Best", "최고 기록"), "no_best": ("No score yet", "기록 없음"),
    "broken": ("BROKEN", "오류"), "length": ("Length", "길이"), "bpm": ("BPM", "BPM"), "members": ("Members", "멤버"),
    "n_members": ("{n} members", "멤버 {n}명"), "n_members_one": ("{n} member", "멤버 {n}명"),
    "cannot_load": ("cannot be loaded", "불러올 수 없어요"), "loading": ("Loading…", "불러오는 중…"),
    "loading_song": ("Loading this song… the others can be played meanwhile.", "이 곡을 불러오는 중… 그동안 다른 곡을 플레이할 수 있어요."),
    "broken_intro": ("This song cannot be played yet. The checker says:", "이 곡은 아직 플레이할 수 없어요. 검사 결과:"),
    "n_more": ("… and {n} more", "… 그 외 {n}개"),
    "broken_fix": ("Fix it, then press F5.  {command}", "고친 다음 F5를 누르세요.  {command}"),
    "preview_at": ("♪ Preview {start}–{end}", "♪ 미리듣기 {start}–{end}"),
    "preview_soon": ("♪ Preview starts in a moment…", "♪ 곧 미리듣기가 시작돼요…"),
    # add a song (song select's "Add a song", game/scenes/add_song.py) and songs with no chart yet
    "add_song": ("Add a song", "곡 추가"),
    "add_song_sub": ("Bring your own song and its dance video", "내 곡과 안무 영상을 가져오세요"),
    "song_file": ("Song", "곡"),
    "song_file_help": ("An audio file (mp3, m4a, flac, wav, ogg, opus) or a video that has the music",
                       "오디오 파일 (mp3, m4a, flac, wav, ogg, opus) 또는 음악이 들어 있는 동영상"),
    "dance_video": ("Dance video (optional)", "안무 영상 (선택)"),
    "dance_video_help": ("The group's dance-practice video (it may be the same file as the song): kept with the song as "
                         "your coach. Leave empty to skip.",
                         "그룹의 안무 연습 영상 (곡과 같은 파일이어도 돼요): 곡과 함께 코치 영상으로 저장돼요. 없으면 비워 두세요."),
    "audio_hint": ("e.g. ~/Music/my-song.mp3  (type, paste with Ctrl+V, or drop a file here)",
                   "예: ~/Music/my-song.mp3  (입력하거나 Ctrl+V로 붙여넣거나 파일을 끌어다 놓기)"),
    "dance_video_hint": ("e.g. ~/Videos/dance-practice.mp4  (optional)", "예: ~/Videos/dance-practice.mp4  (선택)"),
    "add_song_next": ("The beat, bars and preview are found for you. Then make the chart from the dance video, or write one by hand.",
                      "비트, 마디, 미리듣기 구간은 자동으로 찾아요. 그다음 안무 영상으로 차트를 만들거나 직접 써요."),
    "import_start": ("Import", "가져오기"), "next_field": ("Next field", "다음 칸"),
    "songs_go_to": ("Saved in {folder}", "저장 위치: {folder}"),
    "importing": ("Importing {file}", "{file} 가져오는 중"),
    "with_video": ("with the dance video {file}", "안무 영상 {file} 포함"),
    "import_wait": ("The game keeps running meanwhile; it takes well under the song's length.",
                    "그동안에도 게임은 멈추지 않아요. 곡 길이보다 훨씬 짧게 걸려요."),
    "stage_decode": ("Decoding the sound", "소리를 읽는 중"), "stage_loudness": ("Levelling the loudness", "음량을 맞추는 중"),
    "stage_features": ("Listening to the music", "음악을 듣는 중"), "stage_beats": ("Finding the beat", "비트를 찾는 중"),
    "stage_bars": ("Finding the bars", "마디를 찾는 중"), "stage_preview": ("Choosing the preview", "미리듣기 구간을 고르는 중"),
    "stage_write": ("Writing the song", "곡을 저장하는 중"), "stage_video": ("Copying the dance video", "안무 영상을 복사하는 중"),
    "type_audio_first": ("Type the path of the song's audio file (or drop the file here) first",
                         "먼저 곡의 오디오 파일 경로를 입력하세요 (또는 파일을 끌어다 놓기)"),
    "import_failed": ("Could not import: {message}", "가져오지 못했어요: {message}"),
    "import_missing": ("{file}: no such file. Check the path, or drop the file onto the window.",
                       "{file}: 파일이 없어요. 경로를 확인하거나 파일을 창에 끌어다 놓으세요."),
    "import_unreadable": ("{file}: this file cannot be read. Convert it to mp3, m4a, flac, wav or ogg and try again.",
                          "{file}: 이 파일을 읽을 수 없어요. mp3, m4a, flac, wav, ogg 로 변환한 뒤 다시 시도하세요."),
    "import_no_sound": ("{file}: there is no sound track in this file. Give the song's audio file, or a video that has its music.",
                        "{file}: 이 파일에는 소리가 없어요. 곡의 오디오 파일이나 음악이 들어 있는 동영상을 주세요."),
    "import_codec": ("{file}: its sound ({codec}) cannot be decoded here. Convert it to mp3, m4a, flac or wav.",
                     "{file}: 이 소리 형식({codec})은 여기서 읽을 수 없어요. mp3, m4a, flac, wav 로 변환하세요."),
    "import_empty": ("{file}: the sound track is empty. Give a file with the music in it.",
                     "{file}: 소리 트랙이 비어 있어요. 음악이 들어 있는 파일을 주세요."),
    "import_too_short": ("{file}: only {seconds} s of sound; a song needs at least {minimum} s. Give the whole song, not a clip.",
                         "{file}: 소리가 {seconds}초뿐이에요. 곡은 {minimum}초 이상이어야 해요. 일부가 아닌 곡 전체를 주세요."),
    "import_silent": ("{file}: the sound track is silent. Give the file that has the music (a muted video has no song in it).",
                      "{file}: 소리가 들리지 않아요. 음악이 있는 파일을 주세요 (음소거된 영상에는 곡이 없어요)."),
    "import_no_beat": ("{file}: no steady beat found. If it is a song, give its tempo: python main.py song new FILE --bpm N --offset S",
                       "{file}: 일정한 비트를 찾지 못했어요. 곡이라면 템포를 알려 주세요: python main.py song new FILE --bpm N --offset S"),
    "import_write": ("{file}: the song cannot be written there ({error}). Check there is space and that the folder is writable.",
                     "{file}: 곡을 저장할 수 없어요 ({error}). 저장 공간과 폴더 쓰기 권한을 확인하세요."),
    "import_folder": ("{file} is a folder: give a file in it (drag the file itself onto the window).",
                      "{file} 은(는) 폴더예요: 그 안의 파일을 주세요 (파일 자체를 창에 끌어다 놓으세요)."),
    "import_video_missing": ("{file}: no such video. Check the path, or leave the dance video empty.",
                             "{file}: 영상이 없어요. 경로를 확인하거나 안무 영상 칸을 비워 두세요."),
    "import_video_bad": ("{file}: this video cannot be played here. Convert it to MP4 (H.264), or leave the dance video empty.",
                         "{file}: 이 영상은 재생할 수 없어요. MP4 (H.264) 로 변환하거나 안무 영상 칸을 비워 두세요."),
    "import_video_copy": ("{file}: the video could not be copied into the song ({error}). Check there is space, then try again.",
                          "{file}: 영상을 곡 폴더에 복사하지 못했어요 ({error}). 저장 공간을 확인하고 다시 시도하세요."),
    "no_chart_yet": ("NO CHART YET", "차트 없음"),
    "no_chart_line": ("Imported · make a chart to dance it", "가져옴 · 차트를 만들면 춤출 수 있어요"),
    "no_chart_intro": ("This song has no chart yet. To dance it:", "이 곡은 아직 차트가 없어요. 춤추려면:"),
    "no_chart_from_video": ("Make the chart from the dance video (the moves, on the beat):",
                            "안무 영상으로 차트 만들기 (비트에 맞춘 동작):"),
    "no_chart_by_hand": ("Or write it by hand (docs/charts.md), then press F5.", "또는 직접 쓰세요 (docs/charts.md). 그다음 F5를 누르세요."),
    "has_coach_video": ("Dance video: {file}", "안무 영상: {file}"),
    # member select
    "choose_member": ("Choose your member", "멤버를 고르세요"), "difficulty": ("Difficulty", "난이도"),
    "part": ("Part", "파트"), "diff_easy": ("Easy", "쉬움"), "diff_normal": ("Normal", "보통"), "diff_hard": ("Hard", "어려움"),
    "n_moves": ("{n} moves", "동작 {n}개"), "n_moves_one": ("{n} move", "동작 {n}개"),
    "n_cues": ("{n} cues", "큐 {n}개"), "n_cues_one": ("{n} cue", "큐 {n}개"),
    "n_gold": ("{n} gold", "골드 {n}개"),
    "moves_in_chart": ("Moves in this chart", "이 차트의 동작"),
    "no_chart": ("{member} has no {difficulty} chart", "{member}: {difficulty} 차트가 없어요"),
    "not_charted": ("no chart", "차트 없음"),
    "click_again": ("Click again (or Enter) to start", "한 번 더 클릭하면 (또는 Enter) 시작해요"),
    # play
    "target": ("TARGET POSE", "목표 포즈"), "next": ("NEXT", "다음"), "you": ("YOU", "나"), "ready": ("Get ready!", "준비하세요!"),
    "score": ("Score", "점수"), "combo": ("Combo", "콤보"), "gold_move": ("GOLD MOVE", "골드 무브"), "gold": ("GOLD", "골드"),
    "hold": ("HOLD", "유지"), "held": ("held {n}%", "{n}% 유지"), "go": ("GO!", "시작!"),
    "full_combo": ("FULL COMBO", "풀 콤보"),
    "grade_perfect": ("Perfect", "퍼펙트"), "grade_great": ("Great", "그레이트"), "grade_good": ("Good", "굿"),
    "grade_miss": ("Miss", "미스"),
    "on_beat": ("on the beat", "정박!"), "ms_early": ("{ms} ms early", "{ms} ms 빠름"), "ms_late": ("{ms} ms late", "{ms} ms 늦음"),
    "paused": ("PAUSED", "일시정지"),
    # limb hints after a miss: {limb} is a limb_* word
    "hint_raise": ("Raise {limb}", "{limb} 올리세요"), "hint_lift": ("Lift {limb}", "{limb} 들어 올리세요"),
    "hint_lower": ("Lower {limb}", "{limb} 내리세요"), "hint_out": ("Move {limb} out to the side", "{limb} 옆으로 벌리세요"),
    "hint_in": ("Bring {limb} in across your body", "{limb} 몸 안쪽으로 모으세요"),
    "limb_left_upper_arm": ("your left arm", "왼팔을"), "limb_right_upper_arm": ("your right arm", "오른팔을"),
    "limb_left_forearm": ("your left forearm", "왼쪽 아래팔을"), "limb_right_forearm": ("your right forearm", "오른쪽 아래팔을"),
    "limb_left_thigh": ("your left leg", "왼다리를"), "limb_right_thigh": ("your right leg", "오른다리를"),
    "limb_left_shin": ("your left lower leg", "왼쪽 종아리를"), "limb_right_shin": ("your right lower leg", "오른쪽 종아리를"),
    # the same limbs named in a list ("Off right now: left arm, right forearm"): no "your", no particle (을/를)
    "part_left_upper_arm": ("left arm", "왼팔"), "part_right_upper_arm": ("right arm", "오른팔"),
    "part_left_forearm": ("left forearm", "왼쪽 아래팔"), "part_right_forearm": ("right forearm", "오른쪽 아래팔"),
    "part_left_thigh": ("left leg", "왼다리"), "part_right_thigh": ("right leg", "오른다리"),
    "part_left_shin": ("left lower leg", "왼쪽 종아리"), "part_right_shin": ("right lower leg", "오른쪽 종아리"),
    # results
    "results": ("Results", "결과"), "max_combo": ("Max combo", "최대 콤보"),
    "accuracy": ("Accuracy", "정확도"), "practise": ("Practise these moves", "이 동작을 연습하세요"),
    "new_best": ("NEW PERSONAL BEST!", "개인 최고 기록!"), "retry": ("Retry", "다시 하기"), "continue": ("Continue", "계속"),
    "timing": ("Early / late over the song", "곡 전체의 빠름 / 늦음"), "early": ("early", "빠름"), "late": ("late", "늦음"),
    "practise_none": ("Nothing to practise: every move was hit close to Perfect",
                      "연습할 동작이 없어요: 모든 동작을 퍼펙트에 가깝게 성공했어요"),
    "practise_stopped_early": ("Stopped before the first move: nothing was judged or saved",
                               "첫 동작 전에 멈췄어요: 판정하거나 저장한 것이 없어요"),
    "missed_n": ("missed {n} of {total}", "{total}번 중 {n}번 놓침"),
    "late_n": ("late {n} of {total}", "{total}번 중 {n}번 늦음"),
    "early_n": ("early {n} of {total}", "{total}번 중 {n}번 빠름"),
    "let_go_n": ("held too short {n} of {total}", "{total}번 중 {n}번 짧게 유지"),
    "mean_ms": ("judged mean {ms} ms", "판정 평균 {ms} ms"),
    # camera and pose recognition
    "camera": ("Camera", "카메라"), "camera_chip": ("CAMERA", "카메라"), "step_in": ("Step into the camera view", "카메라 화면 안으로 들어오세요"),
    "step_back": ("Step back so that your whole body is in view", "몸 전체가 보이도록 뒤로 물러나세요"),
    "others_in_view": ("Others in view · following the dancer with the skeleton", "다른 사람도 보여요 · 뼈대가 그려진 사람을 따라가요"),
    "camera_starting": ("Starting the camera…", "카메라를 켜는 중…"),
    "delay_finished": ("Test finished · the camera is off", "테스트 끝 · 카메라 꺼짐"),
    "camera_lost": ("Camera disconnected", "카메라 연결이 끊겼어요"),
    "camera_lost_sub": ("Reconnect it to continue: the song carries on by itself as soon as pictures arrive again.",
                        "다시 연결하세요. 화면이 다시 들어오면 곡이 저절로 이어져요."),
    "demo_mode": ("Demo mode: the autoplayer dances for you", "데모 모드: 자동 플레이어가 대신 춤춰요"),
    "pose_off": ("pose recognition is off", "포즈 인식이 꺼져 있어요"),
    "camera_failed": ("the camera could not start: {error}", "카메라를 시작하지 못했어요: {error}"),
    "no_camera": ("No camera", "카메라 없음"), "camera_problem": ("The camera can't be used", "카메라를 사용할 수 없어요"),
    "no_webcam_found": ("No webcam was found on this computer.", "이 컴퓨터에서 웹캠을 찾지 못했어요."),
    "no_webcam_detail": ("No webcam answers at index {n}. Plug one in, try another index with --camera 1, or use a video "
                         "file with --camera PATH.",
                         "{n}번 웹캠이 응답하지 않아요. 웹캠을 연결하거나, --camera 1 처럼 다른 번호를 쓰거나, "
                         "--camera 경로 로 동영상 파일을 쓰세요."),
    "video_not_found": ("Video file not found: {path}. Check the path.", "동영상 파일을 찾을 수 없어요: {path}. 경로를 확인하세요."),
    "video_unusable": ("This video can't be used as the camera.", "이 동영상은 카메라로 쓸 수 없어요."),
    "webcam_n": ("webcam {n}", "웹캠 {n}"), "no_webcam_n": ("no webcam found", "웹캠을 찾지 못했어요"),
    "webcam_missing": ("webcam {n} · not found", "웹캠 {n} · 없음"),
    "play_demo": ("Play the demo (autoplay)", "데모 플레이 (자동)"), "use_video": ("Use a video file…", "동영상 파일 사용…"),
    "try_again": ("Try the camera again", "카메라 다시 시도"), "video_path": ("Video file path", "동영상 파일 경로"),
    "use_it": ("Use this video", "이 동영상 사용"), "cancel": ("Cancel", "취소"), "demo": ("Demo", "데모"),
    "you_can": ("You can:", "이렇게 할 수 있어요:"),
    "way_demo": ("Play the demo: the autoplayer dances the song, you learn the cards",
                 "데모 플레이: 자동 플레이어가 춤추는 동안 카드를 익혀요"),
    "way_video": ("Type or drop a video file: it plays as if it were the webcam",
                  "동영상 파일을 입력하거나 끌어다 놓으세요: 웹캠처럼 재생돼요"),
    "way_retry": ("Plug the webcam in and try again (Settings > Camera picks another)",
                  "웹캠을 연결하고 다시 시도하세요 (설정 > 카메라에서 다른 웹캠 선택)"),
    "video_hint": ("e.g. ~/Videos/dance.mp4  (or drop a file here)", "예: ~/Videos/dance.mp4  (또는 파일을 여기에 끌어다 놓기)"),
    "video_keys": ("Enter: use it · Esc: cancel · Ctrl+V pastes · MP4, AVI, MOV…",
                   "Enter: 사용 · Esc: 취소 · Ctrl+V 붙여넣기 · MP4, AVI, MOV…"),
    "type_path_first": ("Type the path of a video file first", "먼저 동영상 파일 경로를 입력하세요"),
    "trying_again": ("Trying the camera again…", "카메라를 다시 시도하는 중…"),
    "still_failing": ("Tried {n} times: still no picture. {when}", "{n}번 시도했지만 아직 화면이 없어요. {when}"),
    "tried_at": ("Last try {s} s ago.", "마지막 시도 {s}초 전."),
    "loading_pose": ("Loading pose recognition…", "포즈 인식을 불러오는 중…"),
    "pose_ready": ("Pose recognition ready", "포즈 인식 준비 완료"),
    "pose_error": ("No pose model: songs play as the demo", "포즈 모델 없음: 데모로 플레이해요"),
    "pose_stale": ("Poses changed since the model was trained", "모델 학습 후 포즈가 바뀌었어요"),
    "model_missing": ("the pose model file is missing", "포즈 모델 파일이 없어요"),
    "model_meta_damaged": ("the model's information file is damaged", "모델 정보 파일이 손상됐어요"),
    "model_damaged": ("the pose model file is damaged", "포즈 모델 파일이 손상됐어요"),
    "model_mismatch": ("the model does not fit this version of the game", "이 버전의 게임에 맞지 않는 모델이에요"),
    "model_version": ("the model was trained by another version of the game", "다른 버전의 게임으로 학습한 모델이에요"),
    "model_changed": ("the poses changed since the model was trained", "모델 학습 후 포즈 파일이 바뀌었어요"),
    "rebuild_with": ("build it again with: {command}", "다시 만들려면: {command}"),
    "retrain": ("Retrain", "다시 학습"), "train_now": ("Train the model", "모델 학습"),
    "retraining": ("Training the pose model", "포즈 모델 학습 중"), "seconds": ("{n} s", "{n}초"),
    "stale_play": ("Songs still play with the old model until you retrain.", "다시 학습하기 전까지는 이전 모델로 플레이해요."),
    "train_starting": ("Starting Python and the trainer…", "학습 프로그램을 시작하는 중…"),
    "train_stage": ("Step {step} of {steps}: {what}", "{steps}단계 중 {step}단계: {what}"),
    "train_epoch": ("epoch {done} of {total}", "에포크 {done}/{total}"),
    "train_examples": ("building training examples", "학습 예시를 만드는 중"),
    "train_validation": ("building validation examples", "검증 예시를 만드는 중"),
    "train_tensorflow": ("loading TensorFlow", "TensorFlow를 불러오는 중"),
    "train_epochs": ("training the model", "모델을 학습하는 중"), "train_saving": ("checking and saving the model", "모델을 확인하고 저장하는 중"),
    # settings
    "saved_as_you_go": ("Saved as you change them", "바꾸는 즉시 저장돼요"), "on": ("On", "켜짐"), "off": ("Off", "꺼짐"),
    "offset_keys": ("←/→ ±5 ms · Shift ±1 ms", "←/→ ±5 ms · Shift ±1 ms"),
    "timing_relaxed": ("Relaxed", "여유"), "timing_standard": ("Standard", "표준"), "timing_strict": ("Strict", "엄격"),
    "set_audio_offset_ms": ("Audio offset", "오디오 싱크"),
    "set_audio_offset_ms_help": (
        "If the cards feel late against the music, raise it; if early, lower it. Watch the flash and listen to the tick: "
        "adjust until they land together.",
        "카드가 음악보다 늦게 느껴지면 올리고, 빠르면 내리세요. 깜빡임과 소리가 같이 나도록 맞추세요."),
    "set_music_volume": ("Music volume", "음악 볼륨"), "set_music_volume_help": ("How loud the songs and previews play.", "곡과 미리듣기 음량."),
    "set_sfx_volume": ("Effects volume", "효과음 볼륨"),
    "set_sfx_volume_help": ("Judgement sounds, countdown and cheers.", "판정음, 카운트다운, 응원 소리."),
    "set_fullscreen": ("Fullscreen", "전체 화면"), "set_fullscreen_help": ("F11 toggles it on any screen.", "F11 키로 언제든 전환할 수 있어요."),
    "set_language": ("Language", "언어"),
    "set_language_help": ("Names of poses and members, messages and menus.", "포즈와 멤버 이름, 메시지와 메뉴."),
    "set_camera": ("Camera", "카메라"),
    "set_camera_help": (
        "Which webcam to use: 0 is the first one. A video file (from --camera VIDEO or typed on the camera screen) "
        "plays as if it were the webcam; the left and right arrow keys move between it and the webcams.",
        "사용할 웹캠 (0이 첫 번째). 동영상 파일 (--camera 동영상 또는 카메라 화면에서 입력)은 웹캠처럼 재생돼요. "
        "왼쪽/오른쪽 방향키로 동영상과 웹캠 사이를 옮겨요."),
    "set_mirror": ("Mirror view", "거울 모드"),
    "set_mirror_help": ("Show the camera like a mirror, so your left is on the left.", "카메라를 거울처럼 보여줘요."),
    "set_coach_mirror": ("Coach video", "코치 영상"),
    "set_coach_mirror_help": ("Mirrored, the coach's right hand is on your right, as in a mirror (Just Dance); "
                              "as filmed shows the dance video the way it was recorded.",
                              "거울 모드에서는 코치의 오른손이 화면 오른쪽에 있어 거울처럼 따라 할 수 있어요. "
                              "원본 그대로는 촬영된 그대로 보여줘요."),
    "coach_mirrored": ("Mirrored", "거울 모드"), "coach_as_filmed": ("As filmed", "원본 그대로"),
    "coach": ("Coach", "코치"),
    "coach_unplayable": ("The coach video {name} can't be played; the song goes on without it. "
                         "python main.py check says why.",
                         "코치 영상 {name}을(를) 재생할 수 없어요. 곡은 영상 없이 계속돼요. "
                         "python main.py check 로 이유를 확인하세요."),
    "set_coach_skeleton": ("Coach skeleton", "코치 스켈레톤"),
    "set_coach_skeleton_help": ("Draws the dancer's skeleton over the coach video in the member's colour, to see "
                                "exactly where each arm and leg goes. It is worked out once per video on the member "
                                "screen (never while you dance), or at once with python main.py song coach-skeleton SONG.",
                                "코치 영상 위에 댄서의 스켈레톤을 멤버 색으로 그려 팔다리의 위치를 정확히 보여줘요. "
                                "영상마다 한 번, 멤버 선택 화면에서 만들어요 (춤추는 동안에는 만들지 않아요). "
                                "python main.py song coach-skeleton 곡 으로 바로 만들 수도 있어요."),
    "skeleton_working": ("Coach skeleton {pct}%", "코치 스켈레톤 {pct}%"),
    "skeleton_paused": ("Coach skeleton {pct}%: continues on the member screen",
                        "코치 스켈레톤 {pct}%: 멤버 선택 화면에서 이어서 만들어요"),
    "skeleton_ready": ("Coach skeleton ready", "코치 스켈레톤 준비 완료"),
    "skeleton_missing": ("No skeleton yet: choose this member on the member screen to work it out",
                         "스켈레톤이 아직 없어요: 멤버 선택 화면에서 이 멤버를 고르면 만들어요"),
    "skeleton_damaged": ("The skeleton file was damaged: it is worked out again on the member screen",
                         "스켈레톤 파일이 손상됐어요: 멤버 선택 화면에서 다시 만들어요"),
    "skeleton_failed": ("No coach skeleton from {name}: {why}", "{name}에서 코치 스켈레톤을 만들 수 없어요: {why}"),
    "skeleton_none": ("NO SKELETON", "스켈레톤 없음"),
    "set_timing_scale": ("Timing windows", "판정 범위"),
    "set_timing_scale_help": ("Relaxed widens the Perfect/Great/Good windows by 25%; Strict narrows them by 20%.",
                              "여유: 판정 범위 25% 넓게, 엄격: 20% 좁게."),
    # video cameras, the end of the song, saved data (video-storage)
    "too_dark": ("Too dark to see you: turn on a light or face a window", "너무 어두워서 보이지 않아요: 불을 켜거나 창문 쪽을 보세요"),
    "video_ended": ("The video ended at {t:.1f} s: the rest of the song counts as missed",
                    "동영상이 {t:.1f}초에 끝났어요: 남은 동작은 미스로 처리돼요"),
    "finish_full_combo": ("FULL COMBO!", "풀 콤보!"), "finish_clear": ("CLEAR!", "클리어!"), "finish_finish": ("FINISH", "끝"),
    "demo_not_saved": ("Demo play: not saved as your best", "데모 플레이는 최고 기록에 저장되지 않아요"),
    "camera_waiting": ("Waiting for the camera{dots}  {s} s", "카메라를 기다리는 중{dots}  {s}초"),
    "save_kept_aside": ("Part of your save file could not be read: it is kept, untouched, inside the file.",
                        "저장 파일의 일부를 읽을 수 없어 파일 안에 그대로 보관했어요."),
    "setting_reset": ("The {name} setting ({value}) could not be read: reset to {default}. Other settings are kept.",
                      "{name} 설정({value})을 읽을 수 없어 {default}(으)로 되돌렸어요. 다른 설정은 그대로예요."),
    # practice in the window (practice-play)
    "practice": ("Practice", "연습"), "practice_title": ("Practise", "연습하기"),
    "practice_speed": ("Speed", "속도"), "practice_section": ("Section", "구간"), "practice_mode": ("Mode", "모드"),
    "start_practice": ("Start practice", "연습 시작"),
    "mode_speed": ("Play the song", "곡 전체"), "mode_loop": ("Loop", "반복"), "mode_ramp": ("Tempo ramp", "템포 올리기"),
    "mode_step": ("Step by step", "한 동작씩"),
    "mode_speed_help": ("The whole song once at this speed.", "곡 전체를 이 속도로 한 번 춰요."),
    "mode_loop_help": ("The section again and again at this speed, a count-in before each pass, until you stop it.",
                       "멈출 때까지 이 속도로 구간을 반복해요. 회차마다 카운트인이 있어요."),
    "mode_ramp_help": ("Starts at 60%: faster after a pass with {up}% Perfect + Great, slower under {down}%.",
                       "60%에서 시작: 퍼펙트 + 그레이트가 {up}% 이상이면 빠르게, {down}% 미만이면 느리게."),
    "mode_step_help": ("No timer: the music waits at each move until you are in the pose.",
                       "타이머 없이: 포즈를 맞출 때까지 음악이 동작마다 기다려요."),
    "whole_song": ("Whole song", "곡 전체"), "bars_range": ("Bars {a}–{b}", "{a}–{b}마디"),
    "move_at": ("{pose} · bar {bar}", "{pose} · {bar}마디"),
    "practice_loading": ("Slowing the music to {speed} (pitch kept)…", "음악을 {speed}로 늦추는 중 (음정 유지)…"),
    "practice_loading_note": ("Made once and kept: next time this speed starts at once.",
                              "한 번 만들면 보관해요: 다음에는 이 속도가 바로 시작돼요."),
    "practice_failed": ("This song cannot be slowed: {error}", "이 곡은 늦출 수 없어요: {error}"),
    "practice_chip": ("PRACTICE · {speed}", "연습 · {speed}"),
    "pass_n": ("Pass {n}", "{n}회차"), "pass_of": ("Pass {n} of {total}", "{n}/{total}회차"),
    "pass_share": ("{share}% Perfect + Great", "퍼펙트 + 그레이트 {share}%"),
    "verdict_up": ("Faster next: {speed}", "다음은 더 빠르게: {speed}"),
    "verdict_down": ("Slower next: {speed}", "다음은 더 느리게: {speed}"),
    "verdict_same": ("Again at {speed}", "{speed}로 한 번 더"),
    "verdict_again": ("Again at {speed}", "{speed}로 한 번 더"),
    "verdict_mastered": ("Mastered at full speed! Again at {speed}", "원래 속도로 마스터! {speed}로 한 번 더"),
    "verdict_done": ("All passes played", "모든 회차를 마쳤어요"),
    "next_pass": ("Next pass", "다음 회차"), "stop_practice": ("Stop practising", "연습 끝내기"),
    "count_in": ("Count-in", "카운트인"),
    "practice_video_camera": ("The camera is a video: it cannot slow, loop or wait, so this practice is the demo",
                              "카메라가 동영상이에요: 느리게·반복·대기를 못 해서 이 연습은 데모로 해요"),
    "practice_video_warning": ("Your camera is a video file: its dancer moves at the video's own speed, so this practice "
                               "runs as the demo. For the video, play the song at full speed (Esc, then Enter).",
                               "카메라가 동영상 파일이에요: 영상 속 댄서는 영상 속도로 움직여서 이 연습은 데모로 해요. "
                               "영상으로 하려면 원래 속도로 곡을 플레이하세요 (Esc 후 Enter)."),
    "step_waiting": ("The music waits for you: do this move", "음악이 기다려요: 이 동작을 하세요"),
    "skip_move": ("Skip move", "동작 건너뛰기"),
    "practice_not_saved": ("Practice: not saved as your best", "연습은 최고 기록에 저장되지 않아요"),
    "practise_move": ("Practise this move", "이 동작 연습"),
    # the results' Passes panel after a looped practice (game/ui/passes_panel.py)
    "passes": ("Passes", "회차별 기록"), "pass_col": ("Pass", "회차"),
    "perfect_great": ("Perfect + Great", "퍼펙트 + 그레이트"), "next_speed": ("Then", "다음 속도"),
    "moves_n": ("{n} moves", "동작 {n}개"),
    "grade_mark_perfect": ("P", "퍼"), "grade_mark_great": ("Gr", "그"), "grade_mark_good": ("Gd", "굿"),
    "grade_mark_miss": ("×", "×"),
    "then_up": ("faster next", "다음엔 빠르게"), "then_down": ("slower next", "다음엔 느리게"),
    "then_mastered": ("mastered", "마스터"), "then_stopped": ("stopped", "중단"), "then_same": ("same speed, or the end", "같은 속도 또는 끝"),
    "best_pass": ("Best pass · {n} · {speed}", "최고 회차 · {n}회차 · {speed}"),
    "last_pass": ("Last pass ({n} · {speed}): {score}", "마지막 회차 ({n}회차 · {speed}): {score}"),
    "cue_pass": ("pass {n} · {speed}", "{n}회차 · {speed}"),
    "resume_ready": ("Get ready", "준비하세요"),

    # progress and calibration (progress-calibration)
    "progress": ("Progress", "기록"),
    "progress_sub": ("{plays} · {days}", "플레이 {plays} · 연습한 날 {days}"),
    "n_days_practised": ("{n} days practised", "{n}일"), "n_days_practised_one": ("{n} day practised", "{n}일"),
    "progress_empty": ("No plays yet. Dance a song with the camera and your progress shows here (demo plays never count).",
                       "아직 플레이가 없어요. 카메라로 곡을 추면 여기에 기록이 나와요 (데모 플레이는 세지 않아요)."),
    "score_over_time": ("Score per song over time", "곡별 점수 변화"),
    "accuracy_per_pose": ("Accuracy per pose", "포즈별 정확도"),
    "weakest_moves": ("Weakest moves", "가장 약한 동작"), "weakest_none": ("No weak moves yet: keep playing!", "아직 약한 동작이 없어요!"),
    "streak": ("Practice streak", "연속 연습"), "streak_days": ("{n} days in a row", "{n}일 연속"),
    "streak_days_one": ("{n} day in a row", "{n}일 연속"),
    "streak_none": ("Dance today to start a streak", "오늘 춤추면 연속 기록이 시작돼요"),
    "last_weeks": ("Last 4 weeks", "최근 4주"),
    "export_csv": ("Export CSV", "CSV 내보내기"), "exported": ("Saved {n} rows to {path}", "{n}줄을 {path}에 저장했어요"),
    "export_failed": ("Could not save the CSV: {error}", "CSV를 저장할 수 없어요: {error}"),
    "n_plays": ("{n} plays", "{n}회"), "n_plays_one": ("{n} play", "{n}회"),
    "apply_delay": ("Apply", "적용"),
    # Not the chart's judged mean: the judge calls a pose held through its beat on time (0 ms); the camera
    # delay is measured from the middle of each held pose (game/practice/calibration.py).
    "camera_late_by": ("Camera lag? Your held poses were centred {ms} ms after the beats",
                       "카메라 지연? 유지한 동작의 중심이 박자보다 {ms} ms 늦었어요"),
    "camera_early_by": ("Camera delay too large? Your held poses were centred {ms} ms before the beats",
                        "카메라 지연이 너무 커요? 유지한 동작의 중심이 박자보다 {ms} ms 빨랐어요"),
    "set_camera_delay_ms": ("Camera delay", "카메라 지연"),
    "set_camera_delay_ms_help": (
        "How late the camera picture arrives. Press Enter to measure it: raise both arms on each click. "
        "After a song the game also suggests it from your hits.",
        "카메라 화면이 늦게 도착하는 시간. Enter를 눌러 측정하세요: 딸깍 소리마다 두 팔을 드세요. "
        "곡이 끝나면 동작 타이밍으로도 제안해요."),
    "offset_enter": ("Enter: tap-to-the-beat test", "Enter: 박자 맞춰 누르기 테스트"),
    "tap_title": ("Audio offset: tap to the beat", "오디오 싱크: 박자에 맞춰 누르기"),
    "tap_how": ("Press Space (or click) on every tick you hear. Keep steady: {n} taps are needed.",
                "들리는 틱마다 스페이스(또는 클릭)를 누르세요. 일정하게: {n}번 필요해요."),
    "tap_count": ("{n} of {total} taps", "{total}번 중 {n}번"),
    "tap_set": ("Audio offset set to {ms} ms (your taps spread {spread} ms).",
                "오디오 싱크를 {ms} ms로 맞췄어요 (누름 편차 {spread} ms)."),
    "tap_spread": ("Your taps spread {spread} ms (need under {limit}): nothing changed. Tap again, steadily.",
                   "누름 편차가 {spread} ms예요 ({limit} 미만 필요): 바꾸지 않았어요. 다시 일정하게 눌러 보세요."),
    "tap_few": ("Only {n} taps landed near a tick: nothing changed. Tap on every tick.",
                "틱 근처에 누른 게 {n}번뿐이에요: 바꾸지 않았어요. 틱마다 누르세요."),
    "tap": ("Tap", "누르기"), "tap_again": ("Again", "다시"),
    "delay_title": ("Camera delay: raise both arms on each click", "카메라 지연: 딸깍마다 두 팔 들기"),
    "delay_how": ("Stand where the camera sees you. On each click raise both arms high in a V, then lower them.",
                  "카메라에 보이는 곳에 서세요. 딸깍 소리마다 두 팔을 V자로 높이 들었다 내리세요."),
    "delay_count": ("Click {n} of {total}", "{total}번 중 {n}번째 딸깍"),
    "delay_set": ("Camera delay set to {ms} ms ({n} raises, spread {spread} ms).",
                  "카메라 지연을 {ms} ms로 맞췄어요 (팔 들기 {n}번, 편차 {spread} ms)."),
    "delay_spread": ("Your raises spread {spread} ms (need under {limit}): nothing changed. Try again.",
                     "팔 들기 편차가 {spread} ms예요 ({limit} 미만 필요): 바꾸지 않았어요. 다시 해 보세요."),
    "delay_few": ("Only {n} arm raises were seen (need {need}): nothing changed. Stand fully in view and raise both arms.",
                  "팔 들기가 {n}번만 보였어요 ({need}번 필요): 바꾸지 않았어요. 전신이 보이게 서서 두 팔을 드세요."),
    "delay_needs_camera": ("Measuring the camera delay needs the camera and pose recognition: {why}",
                           "카메라 지연 측정에는 카메라와 포즈 인식이 필요해요: {why}"),
    "check_title": ("Before you dance", "춤추기 전에"),
    "check_label_light": ("Light", "조명"), "check_label_body": ("Whole body", "전신"), "check_label_distance": ("Distance", "거리"),
    "check_ok": ("Good", "좋아요"), "check_unknown": ("Checked once your whole body is in view", "전신이 보이면 확인해요"),
    "check_too_dark": ("Too dark: turn on a light or face a window", "너무 어두워요: 불을 켜거나 창문 쪽을 보세요"),
    "check_step_in": ("Nobody seen: step into the picture", "사람이 안 보여요: 화면 안으로 들어오세요"),
    "check_camera_starting": ("Waiting for the camera picture…", "카메라 화면을 기다리는 중…"),
    "check_whole_body": ("Head to feet must be in the picture: step back or tilt the camera",
                         "머리부터 발까지 보여야 해요: 뒤로 물러나거나 카메라를 기울이세요"),
    "check_too_close": ("Too close: step back a little so your arms stay in view", "너무 가까워요: 팔이 화면에 남도록 조금 물러나세요"),
    "check_too_far": ("Too far: come a step or two closer", "너무 멀어요: 한두 걸음 다가오세요"),
    "check_ready": ("All set! Press Enter to dance.", "준비 완료! Enter를 눌러 시작하세요."),
    "check_start_anyway": ("Fix what is marked, or press Enter to start anyway.", "표시된 것을 고치거나 Enter로 그냥 시작하세요."),
    # results: cue by cue
    "cues": ("Cue by cue", "동작별 보기"), "cue_review": ("Cue by cue", "동작별 보기"), "cue": ("Cue", "동작"),
    "cue_pick": ("Pick a cue", "동작 고르기"), "no_cues_judged": ("No cues were judged", "판정된 동작이 없어요"),
    "you_best": ("YOU · BEST MATCH", "나 · 가장 비슷했던 순간"), "you_beat": ("YOU · AT THE BEAT", "나 · 비트 순간"),
    "best_in_window": ("Best in window", "구간 최고 일치도"), "seen_at_beat": ("SEEN AT THE BEAT", "비트 순간에 보인 포즈"),
    "nobody_seen": ("Nobody in view", "아무도 안 보였어요"), "no_known_pose": ("No card pose", "카드에 없는 포즈"),
    "timing_short": ("Timing", "타이밍"), "best_match": ("Best match", "최고 일치도"), "held_share": ("Held", "유지"),
    "on_time": ("on time", "정박"), "limb_hint": ("LIMBS", "팔다리"),
    "limbs_close": ("Every limb close to the card", "모든 팔다리가 카드와 비슷해요"),
    "why_too_brief_frame": ("Seen at {p}% for one frame only: hold the move a little longer",
                            "{p}%로 한 프레임만 보였어요: 동작을 조금 더 유지하세요"),
    "why_too_brief": ("Seen at {p}% for {ms} ms only: hold the move a little longer",
                      "{p}%로 {ms} ms만 보였어요: 동작을 조금 더 유지하세요"),
    "why_too_late": ("Seen {s} s after the beat: too late", "비트보다 {s}초 늦게 보였어요: 너무 늦어요"),
    "why_too_early": ("Seen {s} s before the beat: too early", "비트보다 {s}초 빨리 보였어요: 너무 빨라요"),
    "why_never_reached": ("Never seen clearly: at best {p}%, a move counts from {need}%",
                          "뚜렷하게 보이지 않았어요: 최고 {p}%, {need}%부터 인정돼요"),
    "why_no_frames": ("Nobody seen around the beat", "비트 근처에 아무도 안 보였어요"),
    "trace_title": ("How sure the game was that it saw {pose}, around the beat", "비트 전후로 {pose}(으)로 본 확신도"),
    "trace_counts": ("counts from {p}%", "{p}%부터 인정"), "trace_beat": ("beat", "비트"),
    "trace_not_kept": ("Not kept for this play", "이 플레이는 기록이 없어요"),
    "trace_none": ("No camera frames around this beat", "이 비트 근처에 카메라 프레임이 없어요"),
    # the replay of one cue (game/scenes/replay.py) and its setting
    "replay": ("Replay", "다시 보기"),
    "replay_you": ("YOU, RECORDED", "녹화된 나"), "replay_demo_dancer": ("THE DEMO DANCER", "데모 댄서"),
    "replay_play_pause": ("Play/pause", "재생/일시정지"), "replay_speed": ("Speed", "속도"),
    "replay_step": ("Frame", "프레임"),
    "replay_at": ("{s} s from the beat", "비트 기준 {s}초"),
    "replay_paused": ("PAUSED", "일시정지"), "replay_beat": ("BEAT", "비트"),
    "replay_not_seen": ("Not seen at this moment", "이 순간엔 보이지 않았어요"),
    "replay_off_now": ("Off right now: {limbs}", "지금 어긋난 곳: {limbs}"),
    "replay_all_close": ("Every limb close to the card right now", "지금은 모든 팔다리가 카드와 비슷해요"),
    "replay_skeleton_only": ("Only your skeleton was kept — no camera pictures",
                             "스켈레톤만 저장했어요 — 카메라 사진은 없어요"),
    "replay_with_pictures": ("Small camera pictures around each move were kept (Settings: Keep camera pictures)",
                             "동작 전후의 작은 카메라 사진을 저장했어요 (설정: 카메라 사진 저장)"),
    "replay_demo": ("Demo play: these are the demo dancer's moves — nothing of you was recorded",
                    "데모 플레이: 데모 댄서의 동작이에요 — 나에 대해서는 아무것도 녹화되지 않았어요"),
    "replay_nothing": ("Nothing was recorded of this move", "이 동작은 녹화된 것이 없어요"),
    "replay_pass_let_go": ("A long practice keeps the skeletons of its newest passes (10 minutes in all): "
                           "this pass's was let go to make room.",
                           "긴 연습은 최근 회차의 스켈레톤만 보관해요 (모두 합쳐 10분): 이 회차의 기록은 자리를 위해 지웠어요."),
    "replay_nothing_why": ("The camera stopped during the song, so no skeleton was kept",
                           "노래 중에 카메라가 멈춰서 스켈레톤이 저장되지 않았어요"),
    "replay_none_here": ("No frames were recorded around this move", "이 동작 근처에 녹화된 프레임이 없어요"),
    "replay_not_saved": ("The replay could not be saved: {error}", "다시 보기를 저장하지 못했어요: {error}"),
    # recent plays, from the progress screen (game/scenes/past_plays.py)
    "past_plays": ("Recent plays", "최근 플레이"),
    "past_plays_sub": ("{plays}, newest first · the newest {keep} keep their skeleton",
                       "{plays}, 최신순 · 최근 {keep}회는 스켈레톤도 저장돼요"),
    "past_open": ("Open", "열기"),
    "past_song_gone": ("SONG GONE", "곡 없음"),
    "past_song_gone_note": ("The song “{song}” is no longer in your songs: shown as it was saved",
                            "“{song}” 곡이 이제 없어요: 저장된 그대로 보여 드려요"),
    "past_chart_gone": ("CHART GONE", "차트 없음"),
    "past_chart_gone_note": ("{member}'s {difficulty} chart is no longer in this song: shown as it was saved",
                             "이 곡에 {member}의 {difficulty} 차트가 이제 없어요: 저장된 그대로 보여 드려요"),
    "past_chart_changed": ("CHART CHANGED", "차트 바뀜"),
    "past_chart_changed_note": ("The chart changed since this play ({then} moves then, {now} now): shown as danced",
                                "이 플레이 후 차트가 바뀌었어요 (그때 {then}개, 지금 {now}개): 그때 춘 대로 보여 드려요"),
    "past_replay_kept": ("REPLAY", "다시 보기"),
    "past_replay_kept_note": ("Your skeleton is kept: open the play, then R replays any move",
                              "스켈레톤이 저장돼 있어요: 플레이를 열고 R로 어떤 동작이든 다시 볼 수 있어요"),
    "past_skeleton_gone": ("NO SKELETON", "스켈레톤 없음"),
    "past_skeleton_gone_note": ("Skeleton no longer kept (only the newest {keep} plays keep one): grades only",
                                "스켈레톤이 더 이상 없어요 (최근 {keep}회만 저장): 판정만 있어요"),
    "past_skeleton_gone_title": ("This play's skeleton is no longer kept", "이 플레이의 스켈레톤은 더 이상 없어요"),
    "past_skeleton_gone_why": ("Only the newest {keep} plays keep their skeleton. The grade and timing of every move are "
                               "still here, cue by cue.",
                               "최근 {keep}회의 플레이만 스켈레톤을 저장해요. 동작마다의 판정과 타이밍은 동작별 보기에 그대로 있어요."),
    "past_no_replay": ("NO SKELETON", "스켈레톤 없음"),
    "past_no_replay_note": ("No skeleton was saved with this play: grades only",
                            "이 플레이는 스켈레톤이 저장되지 않았어요: 판정만 있어요"),
    "past_no_replay_title": ("No skeleton was saved for this play", "이 플레이는 스켈레톤이 저장되지 않았어요"),
    "past_no_replay_why": ("Plays from before replays were kept, or whose replay could not be written, keep only their "
                           "grades.", "다시 보기 저장 전의 플레이나 저장하지 못한 플레이는 판정만 남아요."),
    "past_damaged": ("DAMAGED", "손상됨"),
    "past_mode_play": ("Full play", "정식 플레이"), "past_mode_speed": ("Practice: whole song", "연습: 곡 전체"),
    "past_mode_loop": ("Practice: loop", "연습: 구간 반복"), "past_mode_ramp": ("Practice: tempo ramp", "연습: 템포 올리기"),
    "past_mode_step": ("Practice: step by step", "연습: 한 동작씩"), "past_speed": ("Speed {pct}%", "속도 {pct}%"),
    "past_pass": ("pass {n}", "{n}회차"), "bar_one": ("Bar {a}", "{a}마디"),
    "past_damaged_note": ("The saved skeleton cannot be read: grades only", "저장된 스켈레톤을 읽을 수 없어요: 판정만 있어요"),
    "past_damaged_title": ("The saved skeleton cannot be read", "저장된 스켈레톤을 읽을 수 없어요"),
    "set_replay_pictures": ("Keep camera pictures for replays", "다시 보기에 카메라 사진 저장"),
    "set_replay_pictures_help": ("Off: replays keep only your skeleton (the points of your joints), never a picture of you "
                                 "or your room. On: small, blurry pictures from 1.5 s before to 1.5 s after each move are "
                                 "kept with it, for the last 20 plays, in your data folder.",
                                 "끄면: 다시 보기에는 스켈레톤(관절 위치)만 저장하고, 나나 방의 사진은 저장하지 않아요. "
                                 "켜면: 각 동작 1.5초 전부터 1.5초 후까지의 작고 흐린 사진도 최근 20번의 플레이만큼 "
                                 "데이터 폴더에 저장해요."),
}


def tr(key: str, language: str = "en", **fields: object) -> str:
    """The text for key in this language ("en" or "ko"), with {fields} filled in. An unknown key
    shows as itself (never a crash on screen; the tests catch it)."""
    en, ko = STRINGS.get(key, (key, key))
    out = ko if language == "ko" else en
    return out.format(**fields) if fields else out


def count(key: str, n: int, language: str = "en", **fields: object) -> str:
    """A counted phrase: "1 member", "2 members", "멤버 2명" (KEY_one is the English singular)."""
    if n == 1 and language != "ko" and f"{key}_one" in STRINGS:
        key = f"{key}_one"
    return tr(key, language, n=n, **fields)


def difficulty_label(difficulty: str, language: str = "en") -> str:
    """'Normal' / '보통' for a chart difficulty id; an unknown id shows as itself."""
    key = f"diff_{difficulty}"
    return tr(key, language) if key in STRINGS else difficulty


def grade_label(grade: object, language: str = "en") -> str:
    """'Perfect' / '퍼펙트' for a Grade (or its name)."""
    return tr(f"grade_{getattr(grade, 'name', str(grade)).lower()}", language)


def source_label(source: int | str, language: str = "en", present: bool | None = True) -> str:
    """What the screens call a camera: 'webcam 0' ('no webcam 0' when it is known to be absent) or a video's file name."""
    from pathlib import Path

    if isinstance(source, int) or str(source).isdigit():
        return tr("webcam_n" if present is not False else "no_webcam_n", language, n=int(source))
    return Path(str(source)).name


def limb_names(segments: Iterable[str], language: str = "en") -> str:
    """Limbs (game.poselib.LIMBS names) as a list: "right forearm, left arm" / "오른쪽 아래팔, 왼팔"
    (hint_text's limb words carry the object particle, right only in a sentence)."""
    return ", ".join(tr(f"part_{s}", language) for s in segments)


def hint_text(hint: tuple[str, str] | None, language: str = "en") -> str | None:
    """A game.hints.Hint (action, segment) as words: "Raise your left arm" / "왼팔을 올리세요"."""
    if hint is None:
        return None
    action, segment = hint
    return tr(f"hint_{action}", language, limb=tr(f"limb_{segment}", language))
