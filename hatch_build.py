"""Compile the gettext catalogues (``.po`` to ``.mo``) whenever the package is built.

Hatch runs this hook for wheels and for editable installs (``pip install -e .``), so an
installed littlegiants always reads compiled catalogues and the repository keeps none: the
``.po`` files are the source. It uses babel's own reader and writer (``pybabel compile`` does
the same), and refuses a catalogue with errors (a translation whose placeholders differ from its
message's) rather than ship it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    """Write ``littlegiants.mo`` beside each ``littlegiants.po`` and ship it in the build."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile every catalogue under ``src/littlegiants/locale``."""
        del version
        from babel.messages.mofile import write_mo  # noqa: PLC0415 - a build dependency
        from babel.messages.pofile import read_po  # noqa: PLC0415

        root = Path(self.root) / "src" / "littlegiants" / "locale"
        for source in sorted(root.glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as handle:
                catalogue = read_po(handle)
            problems = [
                f"{source}: {message.id!r}: {error}"
                for message, errors in catalogue.check()
                for error in errors
            ]
            if problems:
                raise ValueError("; ".join(problems))
            compiled = source.with_suffix(".mo")
            with compiled.open("wb") as handle:
                write_mo(handle, catalogue)
            build_data["force_include"][str(compiled)] = str(
                compiled.relative_to(Path(self.root) / "src")
            )
