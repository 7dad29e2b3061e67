"""Small types shared by the programme file's parts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

Audience = Literal["mentees", "mentors", "everyone"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
