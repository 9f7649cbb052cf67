"""story.json: every record of the story (schema: schema/story.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.story import Story


def write_json(story: Story, out_dir: Path) -> Path:
    """Write ``out_dir/story.json`` (UTF-8, indented, keys in record order)."""
    path = out_dir / "story.json"
    path.write_text(story.model_dump_json(indent=1), encoding="utf-8")
    return path


def story_schema() -> dict[str, Any]:
    """The JSON Schema of story.json, generated from the records."""
    schema = Story.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dateline story"
    return schema


def schema_text() -> str:
    """The schema as the text committed in schema/story.schema.json."""
    return json.dumps(story_schema(), indent=2, sort_keys=True) + "\n"
