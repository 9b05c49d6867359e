"""Settings: defaults < TOML file < WIREWATCH_* environment < explicit overrides."""

import pytest

from wirewatch.config import DEFAULT_DB, load_settings
from wirewatch.errors import ConfigError


def test_defaults_use_the_embedded_sqlite_store():
    assert load_settings(environ={}).db == DEFAULT_DB == "sqlite:///wirewatch.db"


def test_environment_overrides_the_default():
    settings = load_settings(environ={"WIREWATCH_DB": "sqlite:///x.db", "WIREWATCH_HOST_DELAY": "0.5"})
    assert settings.db == "sqlite:///x.db"
    assert settings.host_delay == 0.5


def test_allow_private_urls_reads_yes_no_words():
    assert load_settings(environ={"WIREWATCH_ALLOW_PRIVATE_URLS": "1"}).allow_private_urls is True
    assert load_settings(environ={"WIREWATCH_ALLOW_PRIVATE_URLS": "no"}).allow_private_urls is False


def test_toml_file_is_read_and_environment_wins_over_it(tmp_path):
    path = tmp_path / "wirewatch.toml"
    path.write_text('[wirewatch]\ndb = "sqlite:///from-file.db"\ntimeout = 5\n')
    assert load_settings(path, environ={}).db == "sqlite:///from-file.db"
    assert load_settings(path, environ={}).timeout == 5.0
    assert load_settings(path, environ={"WIREWATCH_DB": "sqlite:///env.db"}).db == "sqlite:///env.db"


def test_explicit_override_wins_over_everything(tmp_path):
    settings = load_settings(environ={"WIREWATCH_DB": "sqlite:///env.db"}, db="sqlite:///flag.db")
    assert settings.db == "sqlite:///flag.db"


@pytest.mark.parametrize(
    "content, message",
    [("db = [", "not valid TOML"), ('nonsense = 1', "unknown setting"), ("timeout = 'soon'", "invalid value")],
)
def test_bad_config_file_is_a_one_line_config_error(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(path, environ={})


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml", environ={})
