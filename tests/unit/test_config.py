"""Settings: defaults in code, the TOML file over them, flags over the file; bad keys named."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.errors import ConfigError


def test_file_overrides_defaults_and_flags_override_the_file(tmp_path: Path) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text("[timeline]\nmax_dates = 7\nsentences_per_date = 3\n")
    settings = load_settings(path, {"timeline.max_dates": 12, "timeline.focus": None})
    assert (settings.timeline.max_dates, settings.timeline.sentences_per_date) == (12, 3)
    assert settings.dedup.threshold == 0.8


@pytest.mark.parametrize(
    ("toml", "key"),
    [("[timeline]\nmax_dates = 'many'\n", "timeline.max_dates"), ("[dedup]\nthreshhold = 0.5\n", "dedup.threshhold"),
     ("on_error = 'ignore'\n", "on_error")],
    ids=["wrong-type", "unknown-key", "bad-choice"],
)
def test_bad_setting_is_an_error_naming_the_key(tmp_path: Path, toml: str, key: str) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings(path)


def test_malformed_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text("[timeline\n")
    with pytest.raises(ConfigError):
        load_settings(path)
