"""Regenerate schema/story.schema.json: ``python -m dateline.export.schema_file``."""

from __future__ import annotations

from pathlib import Path

from dateline.export.story_json import schema_text

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[2] / "schema" / "story.schema.json"
    target.write_text(schema_text(), encoding="utf-8")
    print(target)
