"""Line fingerprints fold case, digits and punctuation, so a recurring footer keeps one key."""

from __future__ import annotations

from hypothesis import given, strategies as st

from wirewatch.extract import line_key


def test_digits_punctuation_and_case_are_folded():
    assert line_key("© 2019 Harbour Times. All rights reserved.") == line_key("© 2020 harbour times - all rights reserved")


def test_different_words_get_different_keys():
    assert line_key("Sign up for our newsletter") != line_key("Sign up for our podcast")


@given(st.text())
def test_key_is_short_hex_for_any_line(line):
    key = line_key(line)
    assert len(key) == 16 and int(key, 16) >= 0
