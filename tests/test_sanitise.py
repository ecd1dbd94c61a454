"""The snapshot tests' normaliser: a placeholder for each thing that differs between runs, and
nothing else changed."""

import datetime as dt

import sat
from tests.sanitise import normalise, shown


def test_placeholders_for_folders_dates_versions_and_seconds(tmp_path):
    today = dt.date.today().isoformat()
    text = f'wrote {tmp_path}/a.csv on {today} with sat {sat.__version__}: {{"seconds": 8.15}}'
    assert normalise(text, {"tmp": tmp_path}) == (
        'wrote <tmp>/a.csv on <today> with sat <version>: {"seconds": "<seconds>"}'
    )


def test_a_folder_inside_another_keeps_its_own_name(tmp_path):
    inner = tmp_path / "situations"
    text = f"{inner}/a.yaml {tmp_path}/b.yaml"
    assert normalise(text, {"tmp": tmp_path, "situations": inner}) == (
        "<situations>/a.yaml <tmp>/b.yaml"
    )


def test_images_drawings_and_addresses():
    text = (
        '<img src="data:image/png;base64,iVBORw0KGgo+/=="> <object at 0x7f3a2b1c9d00> '
        "<svg width='2'><path d='M0'/>\n</svg>"
    )
    assert normalise(text, {}) == (
        '<img src="data:image/png;base64,<image>"> <object at 0x<address>> '
        "<svg><!-- drawing --></svg>"
    )


def test_nothing_else_changes():
    text = 'sat 10.1.0 on 2026-01-01: 0x12, "seconds" 3, posterior 0.35 (0.27–0.41)'
    assert normalise(text, {}) == text


def test_what_an_output_shows():
    html = {"output_type": "execute_result", "data": {"text/html": "<b>x</b>", "text/plain": "x"}}
    assert shown(html) == "[text/html]\n<b>x</b>"
    assert shown({"output_type": "stream", "name": "stdout", "text": "hi\n"}) == "[stdout]\nhi\n"
    error = {"output_type": "error", "ename": "KeyError", "evalue": "'H9'", "traceback": []}
    assert shown(error) == "[error] KeyError: 'H9'"
    assert shown({"output_type": "display_data", "data": {"image/png": "..."}}) == "[image/png]"
