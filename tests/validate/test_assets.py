"""Images in content: the rule cases that cannot live in git as example folders, and the rule's
own consistency (example folders image-* hold the rest)."""

from __future__ import annotations

from localdigital.content import IMAGE_SUFFIXES
from localdigital.validate import validate
from localdigital.validate.assets import IMAGE_FORMATS, MAX_IMAGE_BYTES
from tests.support import TODAY, png


def test_every_image_suffix_has_a_format_read_by_its_bytes() -> None:
    assert IMAGE_SUFFIXES == {s for suffixes, _ in IMAGE_FORMATS.values() for s in suffixes}


def test_an_image_over_the_size_limit_is_refused(make_repo) -> None:
    big = png() + b"\x00" * MAX_IMAGE_BYTES
    result = validate(make_repo({"content/images/big.png": big}), today=TODAY)
    assert [(f.path, f.rule) for f in result.errors] == [("content/images/big.png", "image-too-large")]


def test_an_image_in_its_place_with_alt_text_has_no_findings(make_repo) -> None:
    page = "# Share\n\n![A map of the councils that share the service](images/map.png)\n"
    result = validate(make_repo({"content/images/map.png": png(), "content/how-to-share.md": page}), today=TODAY)
    assert result.findings == []


def test_an_image_in_a_code_block_is_not_checked(make_repo) -> None:
    page = "# Share\n\n```\n![](somewhere/else.png)\n```\n"
    assert validate(make_repo({"content/how-to-share.md": page}), today=TODAY).findings == []


def test_a_dot_file_in_the_images_folder_is_left_alone(make_repo) -> None:
    assert validate(make_repo({"content/images/.gitkeep": b""}), today=TODAY).findings == []
