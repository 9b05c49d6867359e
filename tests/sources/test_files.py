"""iter_items over local files and folders: each kind, and each way a file can be bad."""

import io
import json

import pytest
from wirewatch.document import SourceItem
from wirewatch.errors import InputError
from wirewatch.sources import Fetcher, SourceFailure, iter_items

RECORD = {
    "id": "r1", "url": "https://news.example/a", "title": "A title", "text": "Body text.",
    "published": "2025-03-15T10:00:00Z", "source": "Example News",
}


def items_of(path, **kwargs):
    return list(iter_items(str(path), **kwargs))


def test_txt_file_is_plain_text_bytes(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Title line\n\nBody paragraph.\n")
    [item] = items_of(path)
    assert item == SourceItem(
        content=b"Title line\n\nBody paragraph.\n", content_type="text/plain",
        source=None, origin=str(path),
    )


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_html_file_is_html_bytes(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"<html><body><p>Hi</p></body></html>")
    [item] = items_of(path)
    assert (item.content, item.content_type) == (path.read_bytes(), "text/html")


def test_json_file_with_one_object_is_one_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(RECORD))
    [item] = items_of(path)
    assert item == SourceItem(
        content="Body text.", content_type="text/plain", url="https://news.example/a", id="r1",
        title="A title", published="2025-03-15T10:00:00Z", source="Example News", origin=str(path),
    )


def test_json_file_with_a_list_yields_each_record(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([RECORD, {**RECORD, "id": "r2", "text": None, "html": "<p>x</p>"}]))
    first, second = items_of(path)
    assert (first.id, first.content_type) == ("r1", "text/plain")
    assert (second.id, second.content, second.content_type) == ("r2", "<p>x</p>", "text/html")
    assert second.origin == f"{path}[1]"


def test_numeric_record_id_becomes_a_string(tmp_path):
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"id": 42, "text": "Body."}))
    [item] = items_of(path)
    assert item.id == "42"


def test_jsonl_bad_line_is_a_failure_naming_the_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "records.jsonl"
    lines = [json.dumps(RECORD), "{not json", "", json.dumps({**RECORD, "id": "r3"})]
    path.write_text("\n".join(lines) + "\n")
    first, failure, third = items_of(path)
    assert first.id == "r1" and third.id == "r3"
    assert isinstance(failure, SourceFailure)
    assert failure.origin == f"{path}:2"
    assert failure.reason.startswith("invalid JSON")
    assert third.origin == f"{path}:4"


def test_jsonl_record_without_text_or_html_is_a_failure(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "only a title"}) + "\n")
    [failure] = items_of(path)
    assert failure == SourceFailure(f"{path}:1", "record has no non-empty 'text' or 'html' string")


def test_jsonl_line_that_is_not_an_object_is_a_failure(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("[1, 2]\n")
    [failure] = items_of(path)
    assert failure.reason == "expected a JSON object, got a list"


def test_invalid_json_file_is_a_failure(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"id": ')
    [failure] = items_of(path)
    assert failure == SourceFailure(str(path), "invalid JSON")


def test_binary_file_is_a_failure(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert items_of(path) == [SourceFailure(str(path), "binary file")]


def test_empty_file_is_a_failure(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    assert items_of(path) == [SourceFailure(str(path), "empty file")]


def test_whitespace_only_file_is_a_failure(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\n\t \n")
    assert items_of(path) == [SourceFailure(str(path), "empty file")]


def test_file_over_the_size_limit_is_a_failure(tmp_path, settings):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 1001)
    with Fetcher(settings.with_overrides(max_bytes=1000)) as fetcher:
        [failure] = items_of(path, fetcher=fetcher)
    assert failure == SourceFailure(str(path), "file larger than 1000 bytes")


def test_missing_path_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        items_of(tmp_path / "nope.txt")


def test_unsupported_url_scheme_raises_input_error():
    with pytest.raises(InputError, match="unsupported URL scheme 'ftp'"):
        items_of("ftp://example.com/feed.xml")


def test_folder_is_read_recursively_in_name_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b.txt").write_text("B story")
    (tmp_path / "a.html").write_text("<p>A story</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("C story")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("hidden too")
    origins = [item.origin for item in items_of(tmp_path)]
    assert origins == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.txt")]


def test_folder_keeps_going_past_bad_files(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "b.txt").write_text("A good story")
    failure, item = items_of(tmp_path)
    assert failure == SourceFailure(str(tmp_path / "a.bin"), "binary file")
    assert item.content == b"A good story"


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "text/html"),
        (b"Just a plain story.\n\nSecond paragraph.", "text/plain"),
    ],
)
def test_unknown_extension_is_sniffed_as_document(tmp_path, data, content_type):
    path = tmp_path / "download.dat"
    path.write_bytes(data)
    [item] = items_of(path)
    assert (item.content, item.content_type) == (data, content_type)


def test_unknown_extension_holding_json_lines_is_read_as_records(tmp_path):
    path = tmp_path / "dump.out"
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "id": "r2"}) + "\n")
    assert [item.id for item in items_of(path)] == ["r1", "r2"]


def test_unknown_extension_holding_a_feed_is_read_as_a_feed(tmp_path):
    path = tmp_path / "feed"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        "<item><title>T</title><description>Summary.</description></item></channel></rss>"
    )
    [item] = items_of(path)
    assert (item.title, item.source, item.content) == ("T", "F", "Summary.")


def test_stdin_json_lines_are_records_named_by_line():
    data = (json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "id": "r2"}) + "\n").encode()
    items = list(iter_items("-", stdin=io.BytesIO(data)))
    assert [(item.id, item.origin) for item in items] == [("r1", "stdin:1"), ("r2", "stdin:2")]


def test_stdin_plain_text_starting_with_a_bracket_is_one_text_item():
    [item] = list(iter_items("-", stdin=io.BytesIO(b"[Updated] Storm hits the coast\n\nBody.")))
    assert (item.content_type, item.origin) == ("text/plain", "stdin")


def test_stdin_html_is_one_html_item():
    data = b"<html><body><p>Story</p></body></html>"
    assert list(iter_items("-", stdin=io.BytesIO(data))) == [
        SourceItem(content=data, content_type="text/html", origin="stdin")
    ]


def test_empty_stdin_is_a_failure():
    assert list(iter_items("-", stdin=io.BytesIO(b""))) == [SourceFailure("stdin", "empty input")]
